using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.WebFront.Tests.Security;

/// <summary>Answers only a host configured for them gives: an unexpected failure, a rate limit, a configured public address.</summary>
public sealed class ConfiguredHostTests(ConfiguredAppFixture fixture) : IClassFixture<ConfiguredAppFixture>
{
    [Fact]
    public async Task An_unexpected_failure_is_a_generic_500_with_the_hardening_headers()
    {
        using var client = fixture.App.CreateClient();

        var response = await client.GetAsync(ConfiguredAppFixture.FailingPath);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.InternalServerError, "internal_error");
        Assert.DoesNotContain("injected", problem.ToString(), StringComparison.Ordinal);
        SecurityHeadersTests.AssertHardened(response);
    }

    [Fact]
    public async Task A_rate_limited_answer_carries_the_hardening_headers()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        (await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "t", text = "The one upload allowed." })).EnsureSuccessStatusCode();

        var refused = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "t", text = "One too many." });

        await ProblemAssert.IsProblem(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        SecurityHeadersTests.AssertHardened(refused);
    }

    [Fact]
    public async Task The_openapi_servers_are_the_configured_public_address_whatever_the_Host_header_says()
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";

        var document = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        var server = Assert.Single(document.GetProperty("servers").EnumerateArray());
        Assert.Equal(ConfiguredAppFixture.PublicBaseUrl, server.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_podcast_feed_and_its_enclosures_are_addressed_under_the_configured_public_address_whatever_the_Host_header_says()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var created = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "Feed", text = "A page for a podcast app far away." });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await user.WaitForDocumentAsync(id);
        using var create = new HttpRequestMessage(HttpMethod.Post, $"/api/documents/{id}/feeds") { Content = JsonContent.Create(new { voice = "local:en-us" }) };
        create.Headers.Host = "attacker.example";

        var url = (await (await user.Bearer.SendAsync(create)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        Assert.StartsWith(ConfiguredAppFixture.PublicBaseUrl + "/podcasts/", url, StringComparison.Ordinal);
        using var app = fixture.App.CreateClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, url[ConfiguredAppFixture.PublicBaseUrl.Length..]);
        read.Headers.Host = "attacker.example";
        var rss = await (await app.SendAsync(read)).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"{url}\"", rss, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", rss, StringComparison.Ordinal);
    }
}
