using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Lector.WebFront.Tests.Errors;

/// <summary>
/// The embedded database locked by another process's writer (a real SQLite lock, as a backup tool or a stuck process
/// holds it): requests that must write answer 503 <c>storage.unavailable</c> with <c>Retry-After</c> instead of 500 or a
/// hang, what is stored is still served, and writes work again once the lock is gone, with nothing lost.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LectorApp _app = null!;

    public async Task InitializeAsync() => _app = await LectorApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task While_the_database_is_locked_writes_answer_503_reads_are_served_and_writes_come_back()
    {
        var user = await ApiUser.CreateAsync(_app);
        var before = await user.CreateDocumentAsync("Written before the outage.", "Before");
        using var unusedToken = await NewTokenClientAsync(user);

        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "lector.db")};Pooling=False"))
        {
            await holder.OpenAsync();
            await ExecuteAsync(holder, "BEGIN IMMEDIATE;");

            var watch = Stopwatch.StartNew();
            var refused = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "During", text = "Sent while the database is locked." });
            output.WriteLine($"The refused write answered in {watch.Elapsed.TotalSeconds:F1} s.");
            await ProblemAssert.IsProblem(refused, HttpStatusCode.ServiceUnavailable, "storage.unavailable");
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 503 must say when to retry.");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"The refused write took {watch.Elapsed.TotalSeconds:F1} s: that is a hang, not an answer.");

            // Stored things are still served, to a token whose first use cannot be noted down just now too.
            var read = await unusedToken.GetAsync($"/api/documents/{before}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("Before", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

            await ExecuteAsync(holder, "ROLLBACK;");
        }

        // Writes work again without a restart, for a client that waits as told; the refused request left nothing behind.
        var deadline = Stopwatch.StartNew();
        HttpResponseMessage again;
        while ((again = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "After", text = "Sent once the lock is gone." })).StatusCode != HttpStatusCode.Accepted)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "Writes did not come back within 10 s.");
            await Task.Delay(again.Headers.RetryAfter!.Delta!.Value);
        }

        output.WriteLine($"Writes came back {deadline.Elapsed.TotalSeconds:F1} s after the lock was released.");

        var after = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await user.WaitForDocumentAsync(after);
        var library = await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents");
        Assert.Equal(["After", "Before"], library.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("title").GetString()).Order());
    }

    private async Task<HttpClient> NewTokenClientAsync(ApiUser user)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "unused" }) };
        create.Headers.Add("X-CSRF-Token", user.CsrfToken);
        var token = await (await user.Browser.SendAsync(create)).Content.ReadFromJsonAsync<JsonElement>();
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        return client;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
