using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using Lector.Testing;
using Xunit.Abstractions;

namespace Lector.Silo.Tests;

/// <summary>
/// PostgreSQL stopped under a running cluster-mode host and started again, as an operator's restart or a failover
/// does: writes answer 503 <c>storage.unavailable</c> with <c>Retry-After</c> within seconds, what the host holds is
/// still served, readiness names the failing check, and writes work again soon after the database is back.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(ClusterCollection.Name)]
public sealed class PostgresOutageTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task While_PostgreSQL_is_stopped_writes_answer_503_and_they_work_again_once_it_is_back()
    {
        using var data = new TempDirectory();
        await using var host = new HostProcess(data.Path, new Dictionary<string, string>
        {
            ["Orleans__Membership"] = "postgres",
            ["Orleans__ServiceId"] = "lector-outage-test",
            ["Orleans__ClusterId"] = "outage-test",
            ["ConnectionStrings__Postgres"] = postgres.ConnectionString,
        });
        await host.StartAsync();
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiSession.RegisterAndCreateTokenAsync(client));
        var before = await ApiSession.CreateDocumentAsync(client, "Written before the database went away.");

        await postgres.StopAsync();
        try
        {
            var watch = Stopwatch.StartNew();
            var refused = await client.PostAsJsonAsync("/api/documents", new { title = "During", text = "Sent while the database is stopped." });
            output.WriteLine($"With PostgreSQL stopped a write answered {(int)refused.StatusCode} in {watch.Elapsed.TotalSeconds:F1} s.");
            await AssertUnavailableAsync(refused);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"The refused write took {watch.Elapsed.TotalSeconds:F1} s: that is a hang, not an answer.");

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/documents/{before}")).StatusCode);
            var ready = await client.GetAsync("/health/ready");
            var readiness = await ready.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("cluster-storage", readiness, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", readiness, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await postgres.StartAgainAsync();
        }

        var back = Stopwatch.StartNew();
        HttpResponseMessage created;
        while ((created = await client.PostAsJsonAsync("/api/documents", new { title = "After", text = "Sent once the database is back." })).StatusCode != HttpStatusCode.Accepted)
        {
            await AssertUnavailableAsync(created);
            Assert.True(back.Elapsed < TimeSpan.FromSeconds(10), "Writes did not come back within 10 s of the database.");
            await Task.Delay(created.Headers.RetryAfter!.Delta!.Value);
        }

        output.WriteLine($"Writes came back {back.Elapsed.TotalSeconds:F1} s after PostgreSQL was started again.");
        var library = await client.GetFromJsonAsync<JsonElement>("/api/documents");
        Assert.Equal(["After", "Restart"], library.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("title").GetString()).Order());
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503, got {(int)response.StatusCode}: {body}");
        Assert.Equal("storage.unavailable", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 503 must say when to retry.");
    }
}
