namespace Yibao.Application.ECertificates;

/// <summary>
/// The real-person check (人脸识别) an online settlement needs. Production plugs in the national
/// platform's face-verification service; the demo verifier accepts <see cref="DemoFaceVerifier.TestValue"/>.
/// </summary>
public interface IFaceVerifier
{
    /// <param name="evidence">What the capturing device produced (an image or a liveness token).</param>
    Task<bool> VerifyAsync(string psnNo, string evidence, CancellationToken cancellationToken);
}

/// <summary>Demo: the documented test value passes for anyone, anything else fails.</summary>
public sealed class DemoFaceVerifier : IFaceVerifier
{
    public const string TestValue = "demo-face-ok";

    public Task<bool> VerifyAsync(string psnNo, string evidence, CancellationToken cancellationToken) => Task.FromResult(evidence == TestValue);
}
