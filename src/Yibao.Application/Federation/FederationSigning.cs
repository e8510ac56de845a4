using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace Yibao.Application.Federation;

/// <summary>
/// How a federation request is signed: SM3withSM2 (the national algorithms, as the e-prescription
/// transport uses them) over the method, path, signer, origin, time and the body's SM3 digest, so
/// that neither the route, the sender nor the body can be changed in transit.
/// </summary>
public static class FederationSigning
{
    /// <summary>The peer that signed the request: a node's id, or <c>hub</c>.</summary>
    public const string SignerHeader = "X-Yibao-Node";

    /// <summary>The node a request forwarded by the hub comes from.</summary>
    public const string OriginHeader = "X-Yibao-Origin";

    public const string TimeHeader = "X-Yibao-Time";
    public const string SignatureHeader = "X-Yibao-Signature";

    public static string Text(string method, string pathAndQuery, string signer, string origin, long unixMilliseconds, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var digest = new SM3Digest();
        var bytes = Encoding.UTF8.GetBytes(body);
        digest.BlockUpdate(bytes, 0, bytes.Length);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return string.Create(CultureInfo.InvariantCulture, $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{signer}\n{origin}\n{unixMilliseconds}\n{Convert.ToHexString(hash)}");
    }
}
