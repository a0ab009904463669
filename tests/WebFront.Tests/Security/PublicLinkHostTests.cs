using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;
using Lector.WebFront.Tests.Endpoints;
using Microsoft.Extensions.Logging;

namespace Lector.WebFront.Tests.Security;

/// <summary>A host of its own for public links: a low rate limit on them, request lines logged, and an admin to read the audit log.</summary>
public sealed class PublicLinkHostFixture : IAsyncLifetime
{
    public const string AdminEmail = "links-admin@example.test";

    public const int PublicLimit = 6;

    public CapturingLoggerProvider Logs { get; } = new();

    public LectorApp App { get; private set; } = null!;

    public ApiUser Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await LectorApp.StartAsync(
            builder => builder.Logging.AddProvider(Logs),
            $"--Auth:AdminEmails={AdminEmail}",
            $"--RateLimits:PublicLinks:Limit={PublicLimit}",
            "--RateLimits:PublicLinks:WindowSeconds=600",
            // Request lines carry the link's address, secret and all: logged here to prove the scrubber masks it.
            "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information");
        Admin = await ApiUser.CreateAsync(App, AdminEmail);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class PublicLinkHostTests(PublicLinkHostFixture fixture) : IClassFixture<PublicLinkHostFixture>
{
    [Fact]
    public async Task Public_links_are_rate_limited_per_client_and_their_secret_never_reaches_a_log_line()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("A page behind a busy link.");
        var secret = PublicLinkEndpointsTests.Secret(await PublicLinkEndpointsTests.CreateAsync(owner, id, new { voice = "local:en-us" }));
        using var anonymous = fixture.App.CreateClient();

        var paths = new[] { $"/listen/{secret}", $"/api/public/{secret}", $"/api/public/{secret}/pages/1" };
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= PublicLinkHostFixture.PublicLimit; i++)
        {
            answers.Add(await anonymous.GetAsync(paths[i % paths.Length]));
        }

        Assert.All(answers[..^1], a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var limited = answers[^1];
        await ProblemAssert.IsProblem(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        SecurityHeadersTests.AssertHardened(limited);

        var logged = string.Join('\n', fixture.Logs.Lines);
        Assert.Contains("/listen/***", logged, StringComparison.Ordinal);
        Assert.Contains("/api/public/***", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[4..], logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Making_and_revoking_a_link_are_audited_by_link_id_without_its_secret()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("A page whose links are watched.");
        var created = await PublicLinkEndpointsTests.CreateAsync(owner, id, new { voice = "local:en-us" });
        var linkId = created.GetProperty("id").GetString()!;
        (await owner.Bearer.DeleteAsync($"/api/documents/{id}/links/{linkId}")).EnsureSuccessStatusCode();

        var entries = new List<JsonElement>();
        foreach (var action in new[] { "link.create", "link.revoke" })
        {
            var page = await fixture.Admin.Bearer.GetFromJsonAsync<JsonElement>($"/api/admin/audit?userId={owner.Id}&action={action}");
            var entry = Assert.Single(page.GetProperty("items").EnumerateArray());
            Assert.Equal(linkId, entry.GetProperty("targetId").GetString());
            Assert.Equal("link", entry.GetProperty("targetType").GetString());
            Assert.Equal("success", entry.GetProperty("outcome").GetString());
            entries.Add(entry);
        }

        var secret = PublicLinkEndpointsTests.Secret(created);
        Assert.All(entries, e => Assert.DoesNotContain(secret[4..], e.GetRawText(), StringComparison.Ordinal));
        Assert.DoesNotContain(secret[4..], string.Join('\n', fixture.Logs.Lines), StringComparison.Ordinal);
    }
}
