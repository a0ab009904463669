using System.Net;

namespace Lector.WebFront.Tests.Security;

/// <summary>
/// Requests whose head is too large get problem+json from Lector, which checks Kestrel's usual limits itself before
/// Kestrel's own (raised) limits would answer with an empty body.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RequestHeadLimitTests(LectorAppFixture fixture)
{
    [Fact]
    public async Task Oversized_headers_are_a_431_problem()
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("X-Padding", new string('a', 40 * 1024));

        var response = await client.SendAsync(request);

        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "request.headers_too_large");
        SecurityHeadersTests.AssertHardened(response);
    }

    [Fact]
    public async Task Too_many_headers_are_a_431_problem()
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        for (var i = 0; i < 150; i++)
        {
            request.Headers.Add($"X-Header-{i}", "x");
        }

        await ProblemAssert.IsProblem(await client.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "request.headers_too_large");
    }

    [Fact]
    public async Task An_overlong_address_is_a_414_problem()
    {
        using var client = fixture.App.CreateClient();

        var response = await client.GetAsync("/api/documents?q=" + new string('a', 10 * 1024));

        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestUriTooLong, "request.uri_too_long");
    }

    [Fact]
    public async Task Headers_within_the_limits_pass()
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Padding", new string('a', 16 * 1024));

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }
}
