using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;
using Microsoft.Data.Sqlite;

namespace Lector.WebFront.Tests.Endpoints;

/// <summary>A host of its own with one configured admin, so audit counts and statistics are not shared with other tests.</summary>
public sealed class AdminAppFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.test";
    public const int MaxPages = 3;

    public LectorApp App { get; private set; } = null!;

    public ApiUser Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Few pages allowed, so a long text fails ingestion after it was accepted.
        App = await LectorApp.StartAsync($"--Auth:AdminEmails={AdminEmail}", $"--App:Ingestion:MaxPages={MaxPages}",
            "--Notifications:AllowPrivateWebhooks=true",
            "--Notifications:WebhookFirstRetryDelay=00:00:00.200");
        Admin = await ApiUser.CreateAsync(App, AdminEmail);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class AdminEndpointsTests(AdminAppFixture fixture) : IClassFixture<AdminAppFixture>
{
    private const string Text = "The quick brown fox jumps over the lazy dog. It was the best of times.";

    private ApiUser Admin => fixture.Admin;

    [Fact]
    public async Task Each_audited_action_leaves_exactly_one_entry_with_its_actor_and_outcome()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var other = await ApiUser.CreateAsync(fixture.App);
        using var anonymous = fixture.App.CreateClient();
        await ProblemAssert.IsProblem(
            await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong password" }),
            HttpStatusCode.Unauthorized, "auth.invalid_credentials");

        var documentId = await user.CreateDocumentAsync(Text);
        Assert.Equal(HttpStatusCode.Created, (await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/shares", new { email = other.Email, permission = "view" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.Bearer.PatchAsJsonAsync($"/api/documents/{documentId}/shares/{other.Id}", new { permission = "collaborate" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/documents/{documentId}/shares/{other.Id}")).StatusCode);
        var requested = await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice = "local:en-us" });
        var audioId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("completed", (await user.WaitForAudioAsync(audioId)).GetProperty("status").GetString());

        // Asking again finds the audio made (a read, not recorded); a refused request is recorded as a failure.
        Assert.Equal(HttpStatusCode.OK, (await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice = "local:en-us" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice = "local:no-such-voice" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.Bearer.GetAsync($"/api/audio/{audioId}/content")).StatusCode);
        var download = await user.Bearer.GetAsync($"/api/audio/{audioId}/content?download=true");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/audio/{audioId}")).StatusCode);
        var tokens = await user.Bearer.GetFromJsonAsync<JsonElement>("/api/tokens");
        var tokenId = tokens.EnumerateArray().First().GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, (await user.Bearer.DeleteAsync($"/api/documents/{Guid.NewGuid():N}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/documents/{documentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/tokens/{tokenId}")).StatusCode);

        var entries = await AuditAsync($"userId={user.Id}&pageSize=100");
        string[] expected =
        [
            "auth.register/success", "auth.login/success", "token.create/success", "document.upload/success",
            "share.create/success", "share.change/success", "share.delete/success", "audio.generate/success",
            "audio.generate/failure", "audio.play/success", "audio.download/success", "audio.delete/success", "document.delete/failure",
            "document.delete/success", "token.revoke/success",
        ];
        Assert.Equal(expected.Order(), entries.Select(e => $"{e.GetProperty("action").GetString()}/{e.GetProperty("outcome").GetString()}").Order());
        Assert.All(entries, e => Assert.Equal(user.Id, e.GetProperty("actorId").GetString()));
        Assert.Equal(2, entries.Count(e => e.GetProperty("targetId").GetString() == documentId && e.GetProperty("action").GetString() is "document.upload" or "document.delete"));

        var failedLogins = (await AuditAsync("action=auth.login&userId=anonymous&pageSize=100"))
            .Where(e => e.GetProperty("targetId").GetString() == user.Email).ToList();
        var failedLogin = Assert.Single(failedLogins);
        Assert.Equal("failure", failedLogin.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrEmpty(failedLogin.GetProperty("ip").GetString()));

        // The admin's own read of the log is recorded too.
        Assert.NotEmpty(await AuditAsync($"userId={Admin.Id}&action=audit.read"));
    }

    [Fact]
    public async Task Non_admins_and_anonymous_callers_get_404_on_every_admin_endpoint()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        using var anonymous = fixture.App.CreateClient();
        foreach (var client in new[] { user.Bearer, anonymous })
        {
            foreach (var path in new[] { "/api/admin/audit", "/api/admin/audit/verify", "/api/admin/stats", "/api/admin/failures", "/api/admin/settings" })
            {
                await ProblemAssert.IsProblem(await client.GetAsync(path), HttpStatusCode.NotFound, "not_found");
            }

            await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/api/admin/audit/export", new { }), HttpStatusCode.NotFound, "not_found");
            await ProblemAssert.IsProblem(await client.GetAsync($"/api/admin/audit/exports/20261129t000000z-{new string('a', 32)}.jsonl"), HttpStatusCode.NotFound, "not_found");
            await ProblemAssert.IsProblem(await client.PutAsJsonAsync("/api/admin/settings", Settings(90, 7, 4, false)), HttpStatusCode.NotFound, "not_found");
        }

        Assert.Equal(HttpStatusCode.OK, (await Admin.Bearer.GetAsync("/api/admin/stats")).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_filters_by_action_user_and_time_and_pages()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        for (var i = 0; i < 3; i++)
        {
            (await user.Bearer.PostAsJsonAsync("/api/tokens", new { name = $"t{i}" })).EnsureSuccessStatusCode();
        }

        var page2 = await Admin.Bearer.GetFromJsonAsync<JsonElement>($"/api/admin/audit?userId={user.Id}&action=token.create&page=2&pageSize=2");
        Assert.Equal(4, page2.GetProperty("totalItems").GetInt32());
        Assert.Equal(2, page2.GetProperty("totalPages").GetInt32());
        Assert.Equal(2, page2.GetProperty("items").GetArrayLength());

        var all = await AuditAsync($"userId={user.Id}&pageSize=100");
        var seqs = all.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.OrderDescending(), seqs);
        var future = DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        Assert.Empty(await AuditAsync($"userId={user.Id}&from={Uri.EscapeDataString(future)}"));
        Assert.Equal(all.Count, (await AuditAsync($"userId={user.Id}&to={Uri.EscapeDataString(future)}&pageSize=100")).Count);

        var bad = await Admin.Bearer.GetAsync("/api/admin/audit?from=yesterday&pageSize=0");
        var problem = await ProblemAssert.IsProblem(bad, HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task The_audit_log_shows_each_persons_e_mail_and_filters_by_it_in_any_spelling()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var other = await ApiUser.CreateAsync(fixture.App);
        (await user.Bearer.PostAsJsonAsync("/api/tokens", new { name = "mine" })).EnsureSuccessStatusCode();
        (await other.Bearer.PostAsJsonAsync("/api/tokens", new { name = "theirs" })).EnsureSuccessStatusCode();

        var byEmail = await AuditAsync($"email={Uri.EscapeDataString(user.Email.ToUpperInvariant())}&pageSize=100");
        var byId = await AuditAsync($"userId={user.Id}&pageSize=100");

        Assert.NotEmpty(byEmail);
        Assert.Equal(byId.Select(e => e.GetProperty("seq").GetInt64()), byEmail.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.All(byEmail, e => Assert.Equal(user.Email, e.GetProperty("actorEmail").GetString()));
        Assert.Empty(await AuditAsync($"email={Uri.EscapeDataString($"nobody-{Guid.NewGuid():N}@example.com")}"));
        Assert.Empty(await AuditAsync($"email={Uri.EscapeDataString(user.Email)}&userId={other.Id}"));
        var system = (await AuditAsync("pageSize=100")).Where(e => !e.GetProperty("actorId").GetString()!.All(char.IsAsciiHexDigitLower)).ToList();
        Assert.All(system, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("actorEmail").ValueKind));
        await ProblemAssert.IsProblem(await Admin.Bearer.GetAsync("/api/admin/audit?email=not-an-address"), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task An_export_by_e_mail_downloads_as_a_json_lines_file_and_unknown_names_are_not_found()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        (await user.Bearer.PostAsJsonAsync("/api/tokens", new { name = "exported" })).EnsureSuccessStatusCode();

        var response = await Admin.Bearer.PostAsJsonAsync("/api/admin/audit/export", new { email = user.Email });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = export.GetProperty("url").GetString()!;
        Assert.Equal(url, response.Headers.Location?.OriginalString);

        var download = await Admin.Bearer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/x-ndjson", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var lines = (await download.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(export.GetProperty("entries").GetInt64(), lines.Length);
        Assert.All(lines, l => Assert.Equal(user.Id, JsonDocument.Parse(l).RootElement.GetProperty("actorId").GetString()));
        Assert.Contains(await AuditAsync("action=audit.export_download"), e => e.GetProperty("targetId").GetString() == export.GetProperty("name").GetString());

        foreach (var name in new[] { "..%2F..%2Fsettings.json", $"20261129t000000z-{new string('a', 32)}.jsonl", "x.jsonl" })
        {
            await ProblemAssert.IsProblem(await Admin.Bearer.GetAsync($"/api/admin/audit/exports/{name}"), HttpStatusCode.NotFound, "audit.export_not_found");
        }
    }

    [Fact]
    public async Task Export_writes_the_matching_entries_as_json_lines_to_the_blob_store()
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var response = await Admin.Bearer.PostAsJsonAsync("/api/admin/audit/export", new { userId = user.Id });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = export.GetProperty("blobKey").GetString()!;
        var blobs = (Abstractions.Blobs.IBlobStore)fixture.App.App.Services.GetService(typeof(Abstractions.Blobs.IBlobStore))!;
        await using var stream = await blobs.OpenReadAsync(key);
        using var reader = new StreamReader(stream!);
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(export.GetProperty("entries").GetInt64(), lines.Length);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Equal(user.Id, JsonDocument.Parse(l).RootElement.GetProperty("actorId").GetString()));
    }

    [Fact]
    public async Task Settings_are_validated_audited_and_change_the_page_limit_without_a_restart()
    {
        var before = (await AuditAsync($"userId={Admin.Id}&action=settings.update&pageSize=100")).Count;
        var invalid = await Admin.Bearer.PutAsJsonAsync("/api/admin/settings", Settings(0, 7, 500, false));
        var errors = (await ProblemAssert.IsProblem(invalid, HttpStatusCode.BadRequest, "validation")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("retentionDays", out _));
        Assert.True(errors.TryGetProperty("maxAudiosPerPage", out _));
        var missing = await Admin.Bearer.PutAsJsonAsync("/api/admin/settings", new { retentionDays = 30 });
        Assert.True((await ProblemAssert.IsProblem(missing, HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("maxAudiosPerPage", out _));

        var user = await ApiUser.CreateAsync(fixture.App);
        var documentId = await user.CreateDocumentAsync(Text);
        var voices = (await user.Bearer.GetFromJsonAsync<JsonElement>("/api/voices?engine=local")).EnumerateArray().Select(v => v.GetProperty("id").GetString()!).Take(2).ToList();
        Assert.Equal(2, voices.Count);
        try
        {
            var saved = await Admin.Bearer.PutAsJsonAsync("/api/admin/settings", Settings(30, 3, 1, true));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal(1, (await Admin.Bearer.GetFromJsonAsync<JsonElement>("/api/admin/settings")).GetProperty("maxAudiosPerPage").GetInt32());

            Assert.Equal(HttpStatusCode.Accepted, (await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice = voices[0] })).StatusCode);
            await ProblemAssert.IsProblem(
                await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice = voices[1] }),
                HttpStatusCode.Conflict, "audio.quota_exceeded");
            var updates = await AuditAsync($"userId={Admin.Id}&action=settings.update&pageSize=100");
            Assert.Equal(before + 3, updates.Count);
            Assert.Equal(["failure", "failure", "success"], updates.Take(3).Select(e => e.GetProperty("outcome").GetString()).Reverse());
        }
        finally
        {
            (await Admin.Bearer.PutAsJsonAsync("/api/admin/settings", Settings(90, 7, 4, false))).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Statistics_count_documents_pages_audio_and_characters_as_they_happen()
    {
        var start = await Admin.Bearer.GetFromJsonAsync<JsonElement>("/api/admin/stats");
        var user = await ApiUser.CreateAsync(fixture.App);
        var documentId = await user.CreateDocumentAsync(Text);
        var requested = await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice = "local:en-us" });
        var audioId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await user.WaitForAudioAsync(audioId);

        // Events are one-way messages: wait for them to be counted rather than assume when.
        var stats = await EventuallyAsync(
            "/api/admin/stats",
            s => s.GetProperty("documents").GetInt64() == start.GetProperty("documents").GetInt64() + 1
                && Completed(s) == Completed(start) + 1
                && Characters(s) > Characters(start));
        Assert.Equal(start.GetProperty("pages").GetInt64() + 1, stats.GetProperty("pages").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/documents/{documentId}")).StatusCode);
        await EventuallyAsync("/api/admin/stats", s => s.GetProperty("documents").GetInt64() == start.GetProperty("documents").GetInt64() && Completed(s) == Completed(start));
    }

    [Fact]
    public async Task A_failed_ingestion_is_listed_for_admins_and_notified_to_the_owner()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var tooLong = string.Join("\n\n", Enumerable.Repeat(Text, AdminAppFixture.MaxPages * 3000 / Text.Length * 2));
        var created = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "Too long", text = tooLong });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var documentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("failed", (await user.WaitForDocumentAsync(documentId)).GetProperty("status").GetString());

        var failures = await EventuallyAsync("/api/admin/failures?pageSize=100", f => f.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("documentId").GetString() == documentId));
        var failure = failures.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("documentId").GetString() == documentId);
        Assert.Equal("ingestion", failure.GetProperty("kind").GetString());
        Assert.Equal(user.Id, failure.GetProperty("ownerId").GetString());

        // The owner is told after the failure is logged, so the notification may land a moment later.
        var notified = await EventuallyAsync(user, "/api/notifications", n => n.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("kind").GetString() == "ingestion.failed"));
        Assert.Contains(notified.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "ingestion.failed");
    }

    [Fact]
    public async Task Editing_one_stored_entry_makes_verification_fail_at_that_entry()
    {
        await using var app = await LectorApp.StartAsync($"--Auth:AdminEmails={AdminAppFixture.AdminEmail}");
        var admin = await ApiUser.CreateAsync(app, AdminAppFixture.AdminEmail);
        await ApiUser.CreateAsync(app);
        var valid = await admin.Bearer.GetFromJsonAsync<JsonElement>("/api/admin/audit/verify");
        Assert.True(valid.GetProperty("valid").GetBoolean());
        var checkedEntries = valid.GetProperty("entriesChecked").GetInt64();
        Assert.True(checkedEntries >= 6);

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "lector.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();

            // Someone with the database file can drop the append-only guard; the hash chain still shows the edit.
            command.CommandText = "DROP TRIGGER AuditLog_NoUpdate; UPDATE AuditLog SET Outcome = 'failure' WHERE Seq = 4;";
            await command.ExecuteNonQueryAsync();
        }

        var broken = await admin.Bearer.GetFromJsonAsync<JsonElement>("/api/admin/audit/verify");
        Assert.False(broken.GetProperty("valid").GetBoolean());
        Assert.Equal(4, broken.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Equal("hash_mismatch", broken.GetProperty("reason").GetString());
        Assert.Equal(3, broken.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task A_webhook_gets_each_notification_signed_and_a_receiver_that_is_down_gets_it_later()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refusals: 2);
        var owner = await ApiUser.CreateAsync(fixture.App);
        var reader = await ApiUser.CreateAsync(fixture.App);
        var set = await reader.Bearer.PutAsJsonAsync("/api/notifications/webhook", new { url = receiver.Url.AbsoluteUri });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var secret = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        var documentId = await owner.CreateDocumentAsync(Text);
        (await owner.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/shares", new { email = reader.Email, permission = "view" })).EnsureSuccessStatusCode();

        for (var i = 0; i < 200 && !receiver.Attempts.Any(a => a.Accepted); i++)
        {
            await Task.Delay(50);
        }

        var attempts = receiver.Attempts.ToList();
        Assert.Equal([false, false, true], attempts.Select(a => a.Accepted));
        Assert.Single(attempts.Select(a => a.DeliveryId).Distinct());
        foreach (var attempt in attempts)
        {
            using var hmac = new System.Security.Cryptography.HMACSHA256(System.Text.Encoding.UTF8.GetBytes(secret));
            var expected = "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes($"{attempt.Timestamp}.{attempt.Body}")));
            Assert.Equal(expected, attempt.Signature);
        }

        var payload = JsonDocument.Parse(attempts[^1].Body).RootElement;
        Assert.Equal("document.shared", payload.GetProperty("kind").GetString());
        Assert.Equal(reader.Id, payload.GetProperty("userId").GetString());
        Assert.Equal(documentId, payload.GetProperty("data").GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task Sharing_and_unsharing_in_a_loop_reaches_the_reader_s_inbox_and_webhook_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refusals: 0);
        var owner = await ApiUser.CreateAsync(fixture.App);
        var reader = await ApiUser.CreateAsync(fixture.App);
        (await reader.Bearer.PutAsJsonAsync("/api/notifications/webhook", new { url = receiver.Url.AbsoluteUri })).EnsureSuccessStatusCode();
        var documentId = await owner.CreateDocumentAsync(Text);

        for (var round = 0; round < 4; round++)
        {
            Assert.Equal(HttpStatusCode.Created, (await owner.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/shares", new { email = reader.Email, permission = "view" })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await owner.Bearer.DeleteAsync($"/api/documents/{documentId}/shares/{reader.Id}")).StatusCode);
        }

        // Every round was answered before the first delivery is awaited, so a second one would be queued by now.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (receiver.Attempts.IsEmpty || (await reader.Bearer.GetFromJsonAsync<JsonElement>("/api/notifications/webhook")).GetProperty("pendingDeliveries").GetInt32() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the webhook delivery did not arrive");
            await Task.Delay(50);
        }

        Assert.Single(receiver.Attempts);
        var notification = Assert.Single((await reader.Bearer.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("items").EnumerateArray());
        Assert.Equal("4", notification.GetProperty("data").GetProperty("count").GetString());
    }

    private static object Settings(int retentionDays, int expiryWarningDays, int maxAudiosPerPage, bool autoDeleteExpired) =>
        new { retentionDays, expiryWarningDays, maxAudiosPerPage, autoDeleteExpired };

    private static long Completed(JsonElement stats) =>
        stats.GetProperty("audioByStatus").TryGetProperty("completed", out var completed) ? completed.GetInt64() : 0;

    private static long Characters(JsonElement stats) =>
        stats.GetProperty("charactersByEngineByDay").EnumerateObject().SelectMany(e => e.Value.EnumerateObject()).Sum(d => d.Value.GetInt64());

    private async Task<List<JsonElement>> AuditAsync(string query) =>
        [.. (await Admin.Bearer.GetFromJsonAsync<JsonElement>($"/api/admin/audit?{query}")).GetProperty("items").EnumerateArray()];

    private Task<JsonElement> EventuallyAsync(string path, Func<JsonElement, bool> done) => EventuallyAsync(Admin, path, done);

    private static async Task<JsonElement> EventuallyAsync(ApiUser caller, string path, Func<JsonElement, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var value = await caller.Bearer.GetFromJsonAsync<JsonElement>(path);
            if (done(value))
            {
                return value;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{path} never reached the expected value.");
    }
}
