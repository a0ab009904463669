using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using Amazon.S3.Model;
using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Grains.Audit;
using Lector.Grains.Storage;
using Lector.Testing;
using Xunit.Abstractions;

namespace Lector.Silo.Tests;

/// <summary>
/// Cluster mode as deployed: three silo processes and one web-front process on a real PostgreSQL and a real S3
/// (moto). One silo is SIGKILLed mid-synthesis and a second is SIGTERMed; every page must still end completed,
/// exactly once, with no failed request from the front.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(PostgresFixture postgres, MotoServerFixture s3, ITestOutputHelper output)
    : IClassFixture<PostgresFixture>, IClassFixture<MotoServerFixture>
{
    private const string Voice = "local:en-us";
    private const int Documents = 3;
    private const int PagesPerDocument = 50;
    private const string AdminEmail = "admin@cluster.test";

    [Fact]
    public async Task Every_page_completes_exactly_once_when_one_silo_is_killed_and_another_stopped()
    {
        using var data = new TempDirectory();
        var silos = new List<HostProcess>();
        HostProcess? front = null;
        var step = "starting the cluster";
        try
        {
            // Started together: their start-up migrations of the shared database must not collide.
            silos.AddRange(Enumerable.Range(0, 3).Select(i => new HostProcess(Path.Combine(data.Path, $"silo{i}"), Settings("silo"))));
            await Task.WhenAll(silos.Select(s => s.StartAsync()));

            front = new HostProcess(Path.Combine(data.Path, "front"), Settings("front"));
            await front.StartAsync();
            using var client = new HttpClient { BaseAddress = front.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiSession.RegisterAndCreateTokenAsync(client, AdminEmail));

            step = "creating the documents and requesting each one's audio";
            var documentIds = new List<string>();
            for (var d = 0; d < Documents; d++)
            {
                documentIds.Add(await ApiSession.CreateDocumentAsync(client, DocumentText(d), PagesPerDocument));
            }

            foreach (var documentId in documentIds)
            {
                await ApiSession.RequestDocumentAudioAsync(client, documentId, Voice);
            }

            var audioIds = documentIds.SelectMany(d => Enumerable.Range(1, PagesPerDocument).Select(p => ApiSession.AudioId(d, p, Voice))).ToList();

            // Midway: a silo dies without any shutdown code running.
            step = "waiting for a quarter of the pages before the SIGKILL";
            await WaitForCompletedAsync(client, documentIds, audioIds.Count / 4);
            var completedAtKill = (await ReadProgressAsync(client, documentIds)).Completed;
            var killedAt = Stopwatch.StartNew();
            await silos[0].KillAsync();

            step = "reading every document's progress again after the SIGKILL";
            var readDeadline = DateTime.UtcNow.AddMinutes(3);
            while (!(await ReadProgressAsync(client, documentIds)).Readable)
            {
                Assert.True(DateTime.UtcNow < readDeadline, "The front could not read every document's progress for 3 minutes after the SIGKILL.");
                await Task.Delay(200);
            }

            output.WriteLine($"After the SIGKILL the front answered every read again in {killedAt.Elapsed.TotalSeconds:F1} s.");

            // Then a second one is stopped gracefully while the front keeps being asked.
            step = "waiting for progress after the SIGKILL";
            // Capped: on a busy machine the pages may all but finish between the last poll and the kill.
            var progressAfterKill = Math.Min(audioIds.Count, completedAtKill + (audioIds.Count / 8));
            await WaitForCompletedAsync(client, documentIds, progressAfterKill);
            output.WriteLine($"{completedAtKill} of {audioIds.Count} pages were completed at the SIGKILL; {progressAfterKill} {killedAt.Elapsed.TotalSeconds:F1} s after it.");

            step = "reading while a silo stops on SIGTERM";
            var failedDuringStop = new List<string>();
            var stop = silos[1].StopAsync();
            while (!stop.IsCompleted)
            {
                failedDuringStop.AddRange(await FailedReadsAsync(client, documentIds, audioIds));
            }

            await stop;
            Assert.True(failedDuringStop.Count == 0, $"{failedDuringStop.Count} reads failed while a silo stopped: "
                + string.Join("; ", failedDuringStop.GroupBy(f => f).Select(g => $"{g.Count()} x {g.Key}")));

            step = "waiting for every document's synthesis to finish";
            var finished = await WaitForAllFinishedAsync(client, documentIds, audioIds.Count);
            output.WriteLine($"{audioIds.Count - completedAtKill} pages outstanding at the SIGKILL were finished by the survivors {killedAt.Elapsed.TotalSeconds:F1} s after it.");
            Assert.Equal(audioIds.Count, finished.Completed);

            step = "checking the outcome";
            var audios = await ReadAllAsync(client, audioIds);
            Assert.All(audios, a => Assert.Equal("completed", a?.GetProperty("status").GetString()));

            // One audio state row per (page, voice) (the storage names rows by state name), and no duplicate rows at all.
            var pageVoiceRows = await postgres.QueryAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'audio' AND PayloadBinary IS NOT NULL");
            Assert.Equal((long)audioIds.Count, pageVoiceRows.Single());
            var duplicates = await postgres.QueryAsync(
                "SELECT COUNT(*) FROM (SELECT 1 FROM OrleansStorage GROUP BY ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString HAVING COUNT(*) > 1) d");
            Assert.Equal(0L, duplicates.Single());

            // One blob per audio: the deterministic key means a re-run after the kill overwrote, never added.
            var audioBlobs = await ListAudioBlobsAsync();
            Assert.Equal(audioIds.Count, audioBlobs.Count);
            Assert.Equal(audioIds.Count, audioBlobs.Select(k => string.Join('/', k.Split('/')[..3])).Distinct().Count());

            // A reconciler pass finds nothing to repair: no orphan blob, no audio without its blob.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var reconcile = await client.PostAsync("/api/admin/reconcile", null);
            Assert.Equal(HttpStatusCode.OK, reconcile.StatusCode);
            var report = await reconcile.Content.ReadFromJsonAsync<JsonElement>();
            output.WriteLine($"Reconciler pass: {report}");
            Assert.Equal(0, report.GetProperty("orphansDeleted").GetInt32() + report.GetProperty("orphansWaiting").GetInt32());
            Assert.Equal(0, report.GetProperty("missingBlobsMarked").GetInt32());
            Assert.Equal(audioIds.Count, (await ListAudioBlobsAsync()).Count);

            // The silos appended the requests' audit entries to the shared database, all into one chain.
            var audit = new PostgresAuditStore(new PostgresDatabase(postgres.ConnectionString));
            var verification = await AuditChain.VerifyAsync(audit.ReadAsync(new AuditFilter(null, null, null, null)), anchor: null, CancellationToken.None);
            Assert.True(verification.Valid, verification.Reason);
            Assert.Equal(Documents, (await audit.QueryAsync(new AuditFilter(null, null, null, "document_audio.generate"), new PageRequest(1, 1))).TotalItems);
        }
        catch (Exception e)
        {
            // Written last, after the hosts' logs, so the tail of a CI log says what failed and where.
            await ReportAsync(silos, front);
            output.WriteLine($"FAILED while {step}: {e.Message}");
            throw;
        }
        finally
        {
            foreach (var host in silos.Append(front).OfType<HostProcess>())
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>Each host's membership decisions and last lines, then the membership table as PostgreSQL holds it.</summary>
    private async Task ReportAsync(IEnumerable<HostProcess> silos, HostProcess? front)
    {
        var named = silos.Select((s, i) => (Host: s, Name: $"silo{i}")).ToList();
        if (front is not null)
        {
            named.Add((front, "front"));
        }

        foreach (var (host, name) in named)
        {
            var lines = host.Output.Split('\n');
            output.WriteLine($"--- {name} at {host.BaseAddress}: membership lines ---");
            // A log entry is a category line followed by its message line.
            var membership = lines.Index().Where(l => l.Item.Contains("MembershipService", StringComparison.Ordinal))
                .Select(l => l.Item.Trim() + " " + (l.Index + 1 < lines.Length ? lines[l.Index + 1].Trim() : ""));
            output.WriteLine(string.Join('\n', membership.TakeLast(30)));
            output.WriteLine($"--- {name}: last lines ---");
            output.WriteLine(string.Join('\n', lines.TakeLast(15)));
        }

        try
        {
            var rows = await postgres.QueryAsync(
                "SELECT Address || ':' || Port || ' gen ' || Generation || ' status ' || Status || ' alive ' || IAmAliveTime || ' suspects ' || COALESCE(SuspectTimes, '-') FROM OrleansMembershipTable");
            output.WriteLine("--- membership table ---");
            output.WriteLine(string.Join('\n', rows));
        }
        catch (Npgsql.NpgsqlException e)
        {
            output.WriteLine($"The membership table could not be read: {e.Message}");
        }
    }

    private Dictionary<string, string> Settings(string role) => new()
    {
        ["App__Role"] = role,
        ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
        ["App__MaxPageCharacters"] = "250",
        ["App__PendingWorkSweepPeriod"] = "00:00:05",
        ["Orleans__Membership"] = "postgres",
        ["Orleans__ServiceId"] = "lector-cluster-test",
        ["Orleans__ClusterId"] = "cluster-test",
        ["Orleans__ShutdownTimeout"] = "00:00:20",
        ["ConnectionStrings__Postgres"] = postgres.ConnectionString,
        ["Blobs__Provider"] = "s3",
        ["Blobs__S3__ServiceUrl"] = s3.ServiceUrl,
        ["Blobs__S3__Bucket"] = MotoServerFixture.Bucket,
        ["Blobs__S3__ForcePathStyle"] = "true",
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_REGION"] = "us-east-1",
        ["RateLimits__Audio__Limit"] = "10000",
        ["Auth__AdminEmails"] = AdminEmail,
        ["App__Reconciler__GracePeriod"] = "00:00:01",
        ["App__Reconciler__Interval"] = "01:00:00",
    };

    /// <summary>Fifty paragraphs of about 200 characters: one page each at 250 characters a page.</summary>
    private static string DocumentText(int document) => string.Join("\n\n", Enumerable.Range(1, PagesPerDocument).Select(p =>
        $"Document {document}, page {p}. " + string.Join(' ', Enumerable.Range(1, 3).Select(s => $"Sentence {s} of a page that a silo may be killed in the middle of."))));

    private async Task<List<string>> ListAudioBlobsAsync()
    {
        using var client = s3.CreateClient();
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = MotoServerFixture.Bucket, Prefix = "audio/" };
        ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key).Where(k => !k.EndsWith(".marks.json", StringComparison.Ordinal)));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return keys;
    }

    /// <summary>The documents' synthesis progress summed; not readable when any read fails (right after a SIGKILL, calls to the dead silo's grains fail until it is declared dead).</summary>
    private static async Task<(bool Readable, int Completed, int Finished)> ReadProgressAsync(HttpClient client, IEnumerable<string> documentIds)
    {
        var reads = await Task.WhenAll(documentIds.Select(async id =>
        {
            try
            {
                using var response = await client.GetAsync($"/api/documents/{id}/audio?voice={Uri.EscapeDataString(Voice)}");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }));
        var readable = reads.All(r => r is not null);
        var completed = reads.Sum(r => r?.GetProperty("completed").GetInt32() ?? 0);
        var failed = reads.Sum(r => r?.GetProperty("failed").GetInt32() ?? 0);
        return (readable, completed, completed + failed);
    }

    private static async Task<JsonElement?[]> ReadAllAsync(HttpClient client, IEnumerable<string> audioIds) =>
        await Task.WhenAll(audioIds.Select(async id =>
        {
            using var response = await client.GetAsync($"/api/audio/{id}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }));

    /// <summary>
    /// Reads every document's progress and every audio once; returns how many requests failed: a 5xx or no answer.
    /// A 404 is an answer: the job may not have reached that page yet.
    /// </summary>
    /// <summary>Reads every document's progress and every audio once; answers how each failed read failed (5xx or no answer).</summary>
    private static async Task<IReadOnlyList<string>> FailedReadsAsync(HttpClient client, IEnumerable<string> documentIds, IEnumerable<string> audioIds)
    {
        var paths = documentIds.Select(id => $"/api/documents/{id}/audio?voice={Uri.EscapeDataString(Voice)}").Concat(audioIds.Select(id => $"/api/audio/{id}"));
        var results = await Task.WhenAll(paths.Select(async path =>
        {
            try
            {
                using var response = await client.GetAsync(path);
                return (int)response.StatusCode >= 500 ? $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}" : null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return e.GetType().Name;
            }
        }));
        return [.. results.OfType<string>()];
    }

    private static async Task WaitForCompletedAsync(HttpClient client, IReadOnlyCollection<string> documentIds, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await ReadProgressAsync(client, documentIds)).Completed < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {atLeast} pages completed in time.");
            await Task.Delay(200);
        }
    }

    private static async Task<(bool Readable, int Completed, int Finished)> WaitForAllFinishedAsync(HttpClient client, IReadOnlyCollection<string> documentIds, int pages)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var progress = await ReadProgressAsync(client, documentIds);
            if (progress.Finished == pages)
            {
                return progress;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Only {progress.Finished} of {pages} pages finished in time.");
            await Task.Delay(500);
        }
    }
}

/// <summary>
/// The cluster test runs alone: failure detection is timed (probes every two seconds), and four processes of its own
/// already fill two cores; other tests' hosts running beside it would test the machine, not Lector.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster processes";
}
