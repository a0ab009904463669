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

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_interactive_api_reference_is_served()
    {
        using var client = fixture.App.CreateClient();

        var page = await client.GetAsync("/api-reference");

        Assert.True(page.IsSuccessStatusCode, $"{(int)page.StatusCode}");
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
