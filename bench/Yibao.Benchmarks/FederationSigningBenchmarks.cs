using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Parameters;
using Yibao.Application.Federation;
using Yibao.Application.Prescriptions;

namespace Yibao.Benchmarks;

/// <summary>
/// What signing a federation message costs: the signed text of a phase-2 claim (its body's SM3
/// digest included), signed and verified SM3withSM2 with BouncyCastle, as every hop does; and, as
/// the yardstick, ECDSA P-256 with SHA-256 from the platform's own cryptography.
/// </summary>
[MemoryDiagnoser]
public class FederationSigningBenchmarks
{
    private const string Body = """{"msg_id":"ST20261122100000000040502209526","psn_no":"1101000000000004","fixmedins_code":"H33010000001","treatment_area":"330100","visit_date":"2026-11-22","med_type":"11","channel":"offline","visit_kind":"follow_up","use_account":true,"effective_level":3,"lines":[{"code":"XC08CAA001A001","fulamt":0,"over":0,"pre":0,"inscp":51.80}],"totals":{"medfee_sumamt":51.80,"fulamt_ownpay_amt":0,"overlmt_selfpay":0,"preselfpay_amt":0,"inscp_scp_amt":51.80},"take":true}""";
    private ECPrivateKeyParameters _private = null!;
    private ECPublicKeyParameters _public = null!;
    private string _text = null!;
    private string _signature = null!;
    private ECDsa _ecdsa = null!;
    private byte[] _ecdsaSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (privateKey, publicKey) = NationalCrypto.NewKeyPair();
        (_private, _public) = (NationalCrypto.PrivateKey(privateKey), NationalCrypto.PublicKey(publicKey));
        _text = FederationSigning.Text("POST", "/hub/areas/110100/claims/adjudicate", "zj", "zj", 1_795_000_000_000, Body);
        _signature = NationalCrypto.Sign(_private, _text);
        _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _ecdsaSignature = _ecdsa.SignData(Encoding.UTF8.GetBytes(_text), HashAlgorithmName.SHA256);
    }

    [GlobalCleanup]
    public void Cleanup() => _ecdsa.Dispose();

    [Benchmark]
    public string SignedText() => FederationSigning.Text("POST", "/hub/areas/110100/claims/adjudicate", "zj", "zj", 1_795_000_000_000, Body);

    [Benchmark]
    public string Sm2Sign() => NationalCrypto.Sign(_private, _text);

    [Benchmark]
    public bool Sm2Verify() => NationalCrypto.Verify(_public, _text, _signature);

    [Benchmark(Baseline = true)]
    public bool EcdsaP256Verify() => _ecdsa.VerifyData(Encoding.UTF8.GetBytes(_text), _ecdsaSignature, HashAlgorithmName.SHA256);
}
