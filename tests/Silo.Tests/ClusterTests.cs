using System.Diagnostics;
using System.Globalization;
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

            var audioIds = new List<string>();
            for (var d = 0; d < Documents; d++)
            {
                var documentId = await ApiSession.CreateDocumentAsync(client, DocumentText(d), PagesPerDocument);
                for (var page = 1; page <= PagesPerDocument; page++)
                {
                    audioIds.Add(await ApiSession.RequestAudioAsync(client, documentId, page, Voice));
                }
            }

            // Midway: a silo dies without any shutdown code running.
            step = "waiting for a quarter of the audios before the SIGKILL";
            await WaitForCompletedAsync(client, audioIds, audioIds.Count / 4);
            var completedAtKill = await CountCompletedAsync(client, audioIds);
            var killedAt = Stopwatch.StartNew();
            await silos[0].KillAsync();
            step = "reading every audio again after the SIGKILL";
            var readDeadline = DateTime.UtcNow.AddMinutes(3);
            while ((await ReadAllAsync(client, audioIds)).Any(a => a is null))
            {
                Assert.True(DateTime.UtcNow < readDeadline, "Some audios could not be read for 3 minutes after the SIGKILL: the dead silo was never declared dead.");
                await Task.Delay(200);
            }

            output.WriteLine($"After the SIGKILL the front answered every read again in {killedAt.Elapsed.TotalSeconds:F1} s (the dead silo was noticed).");

            // Then a second one is stopped gracefully while the front keeps being asked.
            step = "waiting for progress after the SIGKILL";
            await WaitForCompletedAsync(client, audioIds, completedAtKill + (audioIds.Count / 8));
            step = "reading while a silo stops on SIGTERM";
            var failedDuringStop = 0;
            var stop = silos[1].StopAsync();
            while (!stop.IsCompleted)
            {
                failedDuringStop += await CountFailedRequestsAsync(client, audioIds);
            }

            await stop;
            step = "checking the outcome";
            var audios = await WaitForAllFinishedAsync(client, audioIds);
            output.WriteLine($"{audioIds.Count - completedAtKill} audios outstanding at the SIGKILL were completed by the survivors {killedAt.Elapsed.TotalSeconds:F1} s after it.");

            Assert.Equal(0, failedDuringStop);
            Assert.All(audios, a => Assert.Equal("completed", a?.GetProperty("status").GetString()));
            Assert.Equal(audioIds.Count, audioIds.Distinct().Count());

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
            var verification = await AuditChain.VerifyAsync(audit.ReadAsync(new AuditFilter(null, null, null, null)), CancellationToken.None);
            Assert.True(verification.Valid, verification.Reason);
            Assert.Equal(audioIds.Count, (await audit.QueryAsync(new AuditFilter(null, null, null, "audio.generate"), new PageRequest(1, 1))).TotalItems);
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
            output.WriteLine(string.Join('\n', lines.Where(l => l.Contains("MembershipService", StringComparison.Ordinal)).TakeLast(30)));
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

    /// <summary>Reads that fail count as not completed: right after a SIGKILL, calls to the dead silo's grains fail until it is declared dead.</summary>
    private static async Task<int> CountCompletedAsync(HttpClient client, IEnumerable<string> audioIds) =>
        (await ReadAllAsync(client, audioIds)).Count(a => a?.GetProperty("status").GetString() == "completed");

    private static async Task<JsonElement?[]> ReadAllAsync(HttpClient client, IEnumerable<string> audioIds) =>
        await Task.WhenAll(audioIds.Select(async id =>
        {
            try
            {
                using var response = await client.GetAsync($"/api/audio/{id}");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }));

    /// <summary>Reads every audio once; returns how many reads did not succeed.</summary>
    private static async Task<int> CountFailedRequestsAsync(HttpClient client, IEnumerable<string> audioIds)
    {
        var results = await Task.WhenAll(audioIds.Select(async id =>
        {
            try
            {
                using var response = await client.GetAsync($"/api/audio/{id}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return 1;
            }
        }));
        return results.Sum();
    }

    private static async Task WaitForCompletedAsync(HttpClient client, IReadOnlyCollection<string> audioIds, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await CountCompletedAsync(client, audioIds) < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {atLeast} audios completed in time.");
            await Task.Delay(200);
        }
    }

    private static async Task<JsonElement?[]> WaitForAllFinishedAsync(HttpClient client, IReadOnlyCollection<string> audioIds)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var audios = await ReadAllAsync(client, audioIds);
            if (audios.All(a => a?.GetProperty("status").GetString() is "completed" or "failed") || DateTime.UtcNow > deadline)
            {
                return audios;
            }

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
