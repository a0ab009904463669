using Microsoft.AspNetCore.Http;

namespace Lector.Grains.Tests.Speech;

/// <summary>
/// The Polly fake's signature check against the published AWS Signature Version 4 test suite (example key, its
/// requests and their signatures), and against requests changed after signing.
/// </summary>
public sealed class SigV4VerifierTests
{
    private static readonly SigV4Account Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service");
    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private const string GetVanilla = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    [Theory]
    [InlineData("GET", "/", GetVanilla)]
    [InlineData("GET", "/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    [InlineData("POST", "/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    public void The_published_test_vectors_are_accepted(string method, string target, string signature)
    {
        Assert.Null(SigV4Verifier.Verify(method, target, Headers(signature), [], Example, SignedAt));
    }

    [Fact]
    public void The_canonical_request_is_the_published_one()
    {
        var canonical = SigV4Verifier.CanonicalRequest("GET", "/", Headers(GetVanilla), ["host", "x-amz-date"], []);

        Assert.Equal("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", canonical);
    }

    [Fact]
    public void A_header_outside_the_signed_list_may_be_added_after_signing()
    {
        var headers = Headers(GetVanilla);
        headers["x-added-by-a-proxy"] = "yes";

        Assert.Null(SigV4Verifier.Verify("GET", "/", headers, [], Example, SignedAt));
    }

    public static TheoryData<string, string, Action<IHeaderDictionary>, byte[], int, string> Tampered => new()
    {
        { "a signed header changed", "/", h => h.Host = "example.amazonaws.org", [], 0, "InvalidSignatureException" },
        { "a query parameter added", "/?Param1=value1", _ => { }, [], 0, "InvalidSignatureException" },
        { "a path changed", "/other", _ => { }, [], 0, "InvalidSignatureException" },
        { "a body added", "/", _ => { }, "{}"u8.ToArray(), 0, "InvalidSignatureException" },
        { "the signature made more than 5 minutes ago", "/", _ => { }, [], 6, "InvalidSignatureException" },
        { "the signature made more than 5 minutes ahead", "/", _ => { }, [], -6, "InvalidSignatureException" },
        { "the scope's region changed", "/", h => Replace(h, "us-east-1", "us-west-2"), [], 0, "InvalidSignatureException" },
        { "the date left out of the signed headers", "/", h => Replace(h, "host;x-amz-date", "host"), [], 0, "IncompleteSignatureException" },
        { "another access key", "/", h => Replace(h, "AKIDEXAMPLE", "AKIDOTHER"), [], 0, "UnrecognizedClientException" },
        { "no signature at all", "/", h => h.Remove("Authorization"), [], 0, "MissingAuthenticationTokenException" },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void A_request_changed_after_signing_is_refused(string why, string target, Action<IHeaderDictionary> change, byte[] body, int minutesLater, string errorType)
    {
        var headers = Headers(GetVanilla);
        change(headers);

        var rejection = SigV4Verifier.Verify("GET", target, headers, body, Example, SignedAt.AddMinutes(minutesLater));

        Assert.True(rejection?.ErrorType == errorType, $"{why}: expected {errorType}, got {rejection?.ErrorType ?? "acceptance"}");
    }

    private static void Replace(IHeaderDictionary headers, string part, string replacement) =>
        headers.Authorization = headers.Authorization.ToString().Replace(part, replacement, StringComparison.Ordinal);

    private static HeaderDictionary Headers(string signature) => new()
    {
        ["Host"] = "example.amazonaws.com",
        ["X-Amz-Date"] = "20150830T123600Z",
        ["Authorization"] = $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}",
    };
}
