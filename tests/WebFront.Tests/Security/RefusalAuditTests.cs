using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;
using Microsoft.Data.Sqlite;

namespace Lector.WebFront.Tests.Security;

/// <summary>A host whose refusal windows close after two seconds, so a test sees a window's closing entry.</summary>
public sealed class RefusalAuditFixture : IAsyncLifetime
{
    public const string AdminEmail = "refusals-admin@example.test";

    public LectorApp App { get; private set; } = null!;

    public ApiUser Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await LectorApp.StartAsync($"--Auth:AdminEmails={AdminEmail}", "--Audit:RefusalWindow=00:00:02");
        Admin = await ApiUser.CreateAsync(App, AdminEmail);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Refused requests reach the audit log, folded per client; deleting the log's newest entries is caught.</summary>
public sealed class RefusalAuditTests(RefusalAuditFixture fixture) : IClassFixture<RefusalAuditFixture>
{
    [Fact]
    public async Task A_flood_of_csrf_refusals_is_one_entry_at_once_and_one_counting_the_rest_and_the_endpoint_records_none()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        for (var i = 0; i < 20; i++)
        {
            // The session cookie without its CSRF token, as a forged cross-site form post sends it.
            await ProblemAssert.IsProblem(await user.Browser.PostAsJsonAsync("/api/documents", new { title = "t", text = "Forged." }), HttpStatusCode.Forbidden, "auth.csrf_failed");
        }

        var entries = await WaitForEntriesAsync($"userId={user.Id}&action=request.csrf_refused", e => e.Count >= 2);
        Assert.Equal(["refused", "refused:19"], entries.Select(e => e.GetProperty("outcome").GetString()));
        Assert.All(entries, e => Assert.Equal("POST /api/documents/", e.GetProperty("targetId").GetString()));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("ip").GetString())));
        Assert.Empty(await AuditAsync($"userId={user.Id}&action=document.upload"));
    }

    [Fact]
    public async Task Admin_routes_asked_by_others_are_recorded_as_refusals_while_they_still_answer_404()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        using var anonymous = fixture.App.CreateClient();
        await ProblemAssert.IsProblem(await user.Bearer.GetAsync("/api/admin/stats"), HttpStatusCode.NotFound, "not_found");
        var marker = Guid.NewGuid().ToString("N");
        await ProblemAssert.IsProblem(await anonymous.GetAsync($"/api/admin/audit?action={marker}"), HttpStatusCode.NotFound, "not_found");

        var mine = Assert.Single(await WaitForEntriesAsync($"userId={user.Id}&action=request.admin_only", e => e.Count >= 1));
        Assert.Equal("GET /api/admin/stats", mine.GetProperty("targetId").GetString());
        Assert.Equal("refused", mine.GetProperty("outcome").GetString());
        Assert.Contains(await WaitForEntriesAsync("userId=anonymous&action=request.admin_only", e => e.Count >= 1), e => e.GetProperty("targetId").GetString() == "GET /api/admin/audit");
    }

    [Fact]
    public async Task Sign_ins_slowed_down_are_recorded_as_rate_limited_and_failed_ones_as_failures()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        using var client = fixture.App.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "not the password" })).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var limited = await WaitForEntriesAsync("userId=anonymous&action=request.rate_limited", e => e.Count >= 1);
        Assert.Contains(limited, e => e.GetProperty("targetId").GetString() == "POST /api/auth/login");
        var failures = (await AuditAsync("userId=anonymous&action=auth.login&pageSize=100")).Where(e => e.GetProperty("targetId").GetString() == user.Email).ToList();
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.Unauthorized), failures.Count);
        Assert.All(failures, e => Assert.Equal("failure", e.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Deleting_the_newest_audit_rows_from_the_database_is_reported_by_verify()
    {
        await using var app = await LectorApp.StartAsync($"--Auth:AdminEmails={RefusalAuditFixture.AdminEmail}");
        var admin = await ApiUser.CreateAsync(app, RefusalAuditFixture.AdminEmail);
        await ApiUser.CreateAsync(app);
        var valid = await admin.Bearer.GetFromJsonAsync<JsonElement>("/api/admin/audit/verify");
        Assert.True(valid.GetProperty("valid").GetBoolean());
        var newest = valid.GetProperty("anchoredSeq").GetInt64();
        Assert.Equal(valid.GetProperty("entriesChecked").GetInt64(), newest);

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "lector.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();

            // Someone with the database file drops the append-only guard and removes the latest entries: the chain left is whole.
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"DROP TRIGGER AuditLog_NoDelete; DELETE FROM AuditLog WHERE Seq > {newest - 2};");
            await command.ExecuteNonQueryAsync();
        }

        var broken = await admin.Bearer.GetFromJsonAsync<JsonElement>("/api/admin/audit/verify");
        Assert.False(broken.GetProperty("valid").GetBoolean());
        Assert.Equal("truncated", broken.GetProperty("reason").GetString());
        Assert.Equal(newest - 1, broken.GetProperty("firstBrokenSeq").GetInt64());

        // The first verification was audited too, and anchored.
        Assert.Equal(newest + 1, broken.GetProperty("anchoredSeq").GetInt64());
    }

    private async Task<List<JsonElement>> AuditAsync(string query) =>
        [.. (await fixture.Admin.Bearer.GetFromJsonAsync<JsonElement>($"/api/admin/audit?{query}")).GetProperty("items").EnumerateArray().Reverse()];

    /// <summary>The matching entries, oldest first, once <paramref name="done"/> holds for them; fails after a deadline.</summary>
    private async Task<List<JsonElement>> WaitForEntriesAsync(string query, Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var entries = await AuditAsync(query);
            if (done(entries))
            {
                return entries;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The log has: {string.Join(", ", entries.Select(e => e.GetRawText()))}");
            await Task.Delay(100);
        }
    }
}
