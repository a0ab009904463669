using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;
using Microsoft.Data.Sqlite;
using Lector.Abstractions.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Lector.WebFront.Tests.Errors;

/// <summary>
/// Real faults under an embedded host: the database locked by another process's writer (as a backup tool or a stuck
/// process holds it), the data directory's disk full (a tmpfs of its own, filled up), and that file system remounted
/// read-only. Requests that must write answer
/// 503 with <c>Retry-After</c> instead of 500 or a hang, what is stored is still served, writes work again once the
/// fault is mended, nothing is lost, and work in flight finishes by itself instead of failing for good.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Voice = "local:en-us";

    private LectorApp _app = null!;
    private TmpfsMount? _disk;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _disk?.Dispose();
    }

    [Fact]
    public async Task While_the_database_is_locked_writes_answer_503_reads_are_served_and_writes_come_back()
    {
        _app = await LectorApp.StartAsync();
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

        // The refused request left nothing behind.
        await CreateOnceWritesComeBackAsync(user, "After");
        Assert.Equal(["After", "Before"], await TitlesAsync(user));
    }

    [Fact]
    public async Task On_a_full_disk_writes_answer_503_stored_audio_plays_and_writes_come_back_when_space_is_freed()
    {
        _disk = new TmpfsMount(megabytes: 48);
        _app = await LectorApp.StartAsync($"--App:DataDirectory={Path.Combine(_disk.Path, "data")}");
        var user = await ApiUser.CreateAsync(_app);
        var before = await user.CreateDocumentAsync("Written and spoken before the disk filled up.", "Before");
        var audioId = await RequestAudioAsync(user, before);
        Assert.Equal("completed", (await user.WaitForAudioAsync(audioId)).GetProperty("status").GetString());

        _disk.Fill();
        var refused = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "During", text = "Sent while the disk is full." });
        var code = await UnavailableCodeAsync(refused);
        output.WriteLine($"On the full disk a new document answered 503 {code}.");

        var played = await user.Bearer.GetAsync($"/api/audio/{audioId}/content");
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.NotEmpty(await played.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await user.Bearer.GetAsync($"/api/documents/{before}")).StatusCode);

        _disk.Free();
        await CreateOnceWritesComeBackAsync(user, "After");
        Assert.Equal(["After", "Before"], await TitlesAsync(user));
    }

    [Fact]
    public async Task A_whole_document_job_finishes_every_page_after_its_disk_was_full_for_a_while()
    {
        var (user, logs) = await StartOnItsOwnDiskAsync();
        var (documentId, pages) = await StartJobAsync(user, paragraphs: 120, "whose disk fills up while it is read aloud, and then has room again");
        _disk!.Fill();
        try
        {
            var refused = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "During", text = "Sent while the disk is full." });
            output.WriteLine($"On the full disk a new document answered 503 {await UnavailableCodeAsync(refused)}.");
            await HoldUntilTheJobMeetsTheFaultAsync(logs);
        }
        finally
        {
            _disk.Free();
        }

        var done = await WaitForProgressAsync(user, documentId, p => p.GetProperty("pending").GetInt32() == 0, "every page to finish");
        Assert.Equal((pages, 0), (done.GetProperty("completed").GetInt32(), done.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task A_document_job_finishes_every_page_after_its_data_directory_was_read_only_for_a_while()
    {
        var (user, logs) = await StartOnItsOwnDiskAsync();
        var stored = await RequestAudioAsync(user, await user.CreateDocumentAsync("Spoken before the data directory became read-only.", "Before"));
        Assert.Equal("completed", (await user.WaitForAudioAsync(stored)).GetProperty("status").GetString());
        var (documentId, pages) = await StartJobAsync(user, paragraphs: 24, "whose data directory turns read-only while it is read aloud, and then writable again");

        // The host's pooled SQLite connections keep the database files open for writing; closing the idle ones lets the
        // kernel take the remount (the host opens new ones as it needs them, read-only now, as SQLite falls back to).
        var watch = Stopwatch.StartNew();
        _disk!.MakeReadOnly(SqliteConnection.ClearAllPools, within: TimeSpan.FromSeconds(20));
        output.WriteLine($"The data directory became read-only after {watch.Elapsed.TotalSeconds:F1} s of tries.");
        try
        {
            watch.Restart();
            var refused = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "During", text = "Sent while the data directory is read-only." });
            var code = await UnavailableCodeAsync(refused);
            output.WriteLine($"On the read-only data directory a new document answered 503 {code} in {watch.Elapsed.TotalSeconds:F1} s.");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"The refused write took {watch.Elapsed.TotalSeconds:F1} s.");

            var played = await user.Bearer.GetAsync($"/api/audio/{stored}/content");
            Assert.Equal(HttpStatusCode.OK, played.StatusCode);
            Assert.NotEmpty(await played.Content.ReadAsByteArrayAsync());

            await HoldUntilTheJobMeetsTheFaultAsync(logs);
        }
        finally
        {
            _disk.MakeWritable();
        }

        watch.Restart();
        var done = await WaitForProgressAsync(user, documentId, p => p.GetProperty("pending").GetInt32() == 0, "every page to finish");
        output.WriteLine($"All {pages} pages were done {watch.Elapsed.TotalSeconds:F1} s after the data directory was writable again.");
        Assert.Equal((pages, 0), (done.GetProperty("completed").GetInt32(), done.GetProperty("failed").GetInt32()));
        await CreateOnceWritesComeBackAsync(user, "After");
        Assert.Equal(["After", "Before", "Test document"], await TitlesAsync(user));
    }

    [Fact]
    public async Task A_webhook_delivery_due_while_the_database_is_locked_is_delivered_once_and_stored_as_delivered()
    {
        var logs = new CapturingLoggerProvider();
        _app = await LectorApp.StartAsync(
            builder => builder.Logging.AddProvider(logs),
            "--Notifications:AllowPrivateWebhooks=true", "--Notifications:WebhookFirstRetryDelay=00:00:00.500");
        await using var receiver = await WebhookReceiver.StartAsync(refusals: int.MaxValue);
        var owner = await ApiUser.CreateAsync(_app);
        var reader = await ApiUser.CreateAsync(_app);
        (await reader.Bearer.PutAsJsonAsync("/api/notifications/webhook", new { url = receiver.Url.AbsoluteUri })).EnsureSuccessStatusCode();
        var documentId = await owner.CreateDocumentAsync("Shared while the receiver is down.");
        Assert.Equal(HttpStatusCode.Created, (await owner.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/shares", new { email = reader.Email, permission = "view" })).StatusCode);
        await EventuallyAsync(() => !receiver.Attempts.IsEmpty, "a first (refused) delivery attempt");

        var watch = Stopwatch.StartNew();
        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "lector.db")};Pooling=False"))
        {
            await holder.OpenAsync();
            await ExecuteAsync(holder, "BEGIN IMMEDIATE;");

            // The receiver is back while the database is not; held so until the webhook's own work has met the lock.
            receiver.AcceptFromNow();
            await EventuallyAsync(() => logs.Lines.Any(l => l.Contains("Grain state webhook could not be read or written", StringComparison.Ordinal)), "the webhook grain to meet the locked database");
            output.WriteLine($"The webhook met the locked database {watch.Elapsed.TotalSeconds:F1} s into the outage; delivered during it: {receiver.Attempts.Count(a => a.Accepted)}.");
            await ExecuteAsync(holder, "ROLLBACK;");
        }

        watch.Restart();
        await EventuallyAsync(() => receiver.Attempts.Any(a => a.Accepted), "the delivery once the database is back");
        await EventuallyAsync(async () => await StoredWebhookDeliveriesAsync() == 0, "the webhook's stored queue to be empty");
        output.WriteLine($"Delivered, and stored as delivered, {watch.Elapsed.TotalSeconds:F1} s after the database was back ({receiver.Attempts.Count} attempts).");

        // Loaded again from storage, the grain holds no delivery: nothing is sent twice, nothing is pending.
        var grains = _app.App.Services.GetRequiredService<IGrainFactory>();
        var webhook = grains.GetGrain<IWebhookGrain>(reader.Id).GetGrainId();
        await EventuallyAsync(
            async () =>
            {
                await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
                return !(await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics()).Any(a => a.GrainId == webhook);
            },
            "the webhook grain to be deactivated");
        var view = await reader.Bearer.GetFromJsonAsync<JsonElement>("/api/notifications/webhook");
        Assert.Equal(0, view.GetProperty("pendingDeliveries").GetInt32());
        Assert.Single(receiver.Attempts, a => a.Accepted);
    }

    /// <summary>The deliveries the one webhook's stored state holds, read from the database as a restart would.</summary>
    private async Task<int> StoredWebhookDeliveriesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "lector.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(PayloadBinary AS TEXT) FROM OrleansStorage WHERE GrainTypeString = 'webhook';";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        return JsonDocument.Parse(stored).RootElement.GetProperty("pending").GetArrayLength();
    }

    private static Task EventuallyAsync(Func<bool> condition, string what) => EventuallyAsync(() => Task.FromResult(condition()), what);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(1), $"Waited a minute for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>A host whose data directory is on a tmpfs of its own, with pages small and the pending-work sweep quick.</summary>
    private async Task<(ApiUser User, CapturingLoggerProvider Logs)> StartOnItsOwnDiskAsync()
    {
        _disk = new TmpfsMount(megabytes: 128);
        var logs = new CapturingLoggerProvider();
        _app = await LectorApp.StartAsync(
            builder => builder.Logging.AddProvider(logs),
            $"--App:DataDirectory={Path.Combine(_disk.Path, "data")}", "--App:MaxPageCharacters=200", "--App:PendingWorkSweepPeriod=00:00:02");
        return (await ApiUser.CreateAsync(_app), logs);
    }

    /// <summary>A document of many pages and its whole-document job, under way (a first page done).</summary>
    private static async Task<(string DocumentId, int Pages)> StartJobAsync(ApiUser user, int paragraphs, string about)
    {
        var documentId = await user.CreateDocumentAsync(string.Join("\n\n", Enumerable.Range(1, paragraphs).Select(p => $"Paragraph {p} of a document {about}.")));
        var pages = (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}")).GetProperty("pageCount").GetInt32();
        Assert.True(pages >= 6, $"expected a document of many pages, got {pages}");

        Assert.Equal(HttpStatusCode.Accepted, (await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/audio", new { voice = Voice })).StatusCode);
        await WaitForProgressAsync(user, documentId, p => p.GetProperty("completed").GetInt32() >= 1, "a first page");
        return (documentId, pages);
    }

    /// <summary>Returns once the job's own work has met the fault (seen in the log), so the fault is held until it matters.</summary>
    private static Task HoldUntilTheJobMeetsTheFaultAsync(CapturingLoggerProvider logs) => EventuallyAsync(
        () => logs.Lines.Any(l => l.Contains("Storing audio failed for now", StringComparison.Ordinal) || l.Contains("it stays pending", StringComparison.Ordinal)),
        "a page of the job to meet the fault");

    /// <summary>Asserts a 503 that says when to retry and which store is away; returns its code.</summary>
    private static async Task<string> UnavailableCodeAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 503 must say when to retry.");
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        Assert.Contains(code, new[] { "storage.unavailable", "blobs.unavailable" });
        return code;
    }

    /// <summary>Creates a document as a client that waits as told by each 503, and asserts writes came back within 10 s.</summary>
    private async Task CreateOnceWritesComeBackAsync(ApiUser user, string title)
    {
        var deadline = Stopwatch.StartNew();
        HttpResponseMessage created;
        while ((created = await user.Bearer.PostAsJsonAsync("/api/documents", new { title, text = "Sent once the fault was mended." })).StatusCode != HttpStatusCode.Accepted)
        {
            await UnavailableCodeAsync(created);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "Writes did not come back within 10 s.");
            await Task.Delay(created.Headers.RetryAfter!.Delta!.Value);
        }

        output.WriteLine($"Writes came back {deadline.Elapsed.TotalSeconds:F1} s after the fault was mended.");
        await user.WaitForDocumentAsync((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    private static async Task<List<string?>> TitlesAsync(ApiUser user) =>
        [.. (await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents")).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("title").GetString()).Order()];

    private static async Task<string> RequestAudioAsync(ApiUser user, string documentId)
    {
        var requested = await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice = Voice });
        return (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> WaitForProgressAsync(ApiUser user, string documentId, Func<JsonElement, bool> reached, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var response = await user.Bearer.GetAsync($"/api/documents/{documentId}/audio?voice={Voice}");
            if (response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<JsonElement>() is var progress && reached(progress))
            {
                return progress;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Waited 3 minutes for {what}.");
            await Task.Delay(100);
        }
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
