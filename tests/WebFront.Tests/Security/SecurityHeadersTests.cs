using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Lector.WebFront.Tests.Security;

[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(LectorAppFixture fixture)
{
    [Theory]
    [InlineData("/api/documents")]
    [InlineData("/health/live")]
    [InlineData("/")]
    public async Task Every_response_carries_the_browser_hardening_headers(string path)
    {
        using var client = fixture.App.CreateClient();

        var response = await client.GetAsync(path);

        AssertHardened(response);
    }

    [Fact]
    public async Task Refusals_and_errors_carry_them_too()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        using var anonymous = fixture.App.CreateClient();

        var answers = new (HttpStatusCode Status, HttpResponseMessage Response)[]
        {
            (HttpStatusCode.NotFound, await user.Bearer.GetAsync("/no/such/route")),
            (HttpStatusCode.NotFound, await user.Bearer.GetAsync($"/api/documents/{Guid.NewGuid():N}")),
            (HttpStatusCode.MethodNotAllowed, await user.Bearer.DeleteAsync("/api/auth/me")),
            (HttpStatusCode.UnsupportedMediaType, await user.Bearer.PostAsync("/api/tokens", new StringContent("x", Encoding.UTF8, "text/plain"))),
            (HttpStatusCode.BadRequest, await user.Bearer.PostAsync("/api/tokens", new StringContent("{", Encoding.UTF8, "application/json"))),
            (HttpStatusCode.BadRequest, await user.Bearer.GetAsync("/api/documents?page=0")),
            (HttpStatusCode.Unauthorized, await anonymous.GetAsync("/api/documents")),
            (HttpStatusCode.Forbidden, await user.Browser.PostAsJsonAsync("/api/tokens", new { name = "no csrf header" })),
        };

        Assert.All(answers, a =>
        {
            Assert.Equal(a.Status, a.Response.StatusCode);
            AssertHardened(a.Response);
        });
    }

    [Fact]
    public async Task A_conflict_carries_them()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("Spoken once, then asked to retry.");
        var audio = await (await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = "local:en-us" })).Content.ReadFromJsonAsync<JsonElement>();
        var audioId = audio.GetProperty("id").GetString()!;
        await user.WaitForAudioAsync(audioId);

        var retry = await user.Bearer.PostAsync($"/api/audio/{audioId}/retry", null);

        await ProblemAssert.IsProblem(retry, HttpStatusCode.Conflict, "audio.not_failed");
        AssertHardened(retry);
    }

    [Fact]
    public async Task The_interactive_api_reference_is_served()
    {
        using var client = fixture.App.CreateClient();

        var page = await client.GetAsync("/api-reference");

        Assert.True(page.IsSuccessStatusCode, $"{(int)page.StatusCode}");
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    internal static void AssertHardened(HttpResponseMessage response)
    {
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} ({(int)response.StatusCode})";
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var policies), $"{what}: no Content-Security-Policy");
        var csp = string.Join(' ', policies);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        AssertHeader(response, what, "X-Content-Type-Options", "nosniff");
        AssertHeader(response, what, "Referrer-Policy", "strict-origin-when-cross-origin");
        AssertHeader(response, what, "X-Frame-Options", "DENY");
        Assert.True(response.Headers.TryGetValues("Permissions-Policy", out var permissions), $"{what}: no Permissions-Policy");
        Assert.Contains("camera=()", Assert.Single(permissions), StringComparison.Ordinal);
    }

    private static void AssertHeader(HttpResponseMessage response, string what, string name, string value)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"{what}: no {name}");
        Assert.Equal(value, Assert.Single(values));
    }
}
