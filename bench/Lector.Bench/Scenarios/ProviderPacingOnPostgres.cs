using Lector.Testing;

namespace Lector.Bench.Scenarios;

/// <summary>
/// The provider-pacing job in cluster mode, as deployed: host processes on a real PostgreSQL (fsync on) and S3
/// (moto), against the same Polly fake. First one silo alone; then two silos sharing the account's quota, one of
/// which is SIGKILLed partway, to time how soon the survivor uses the whole quota again.
/// </summary>
public static class ProviderPacingOnPostgres
{
    private const string Voice = "polly:Joanna:standard";
    private const string OneSilo = "one-silo";
    private const string TwoSilos = "two-silos";

    /// <summary>The survivor is back when a window this long, wholly after the kill, holds 0.95 x quota answers a second.</summary>
    private static readonly TimeSpan RecoveryWindow = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan RecoveryTarget = TimeSpan.FromSeconds(10);

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        var postgres = PostgresFixture.Durable();
        var s3 = new MotoServerFixture();
        try
        {
            await Task.WhenAll(postgres.InitializeAsync(), s3.InitializeAsync());
            await using var fake = await ProviderPacing.StartFakeAsync(sizes);
            using var data = new TempDirectory();
            var cluster = new ClusterSettings(sizes, postgres, s3, fake, data.Path);
            return [await OneSiloAsync(sizes, fake, cluster), .. await TwoSilosOneKilledAsync(sizes, fake, cluster, postgres)];
        }
        finally
        {
            await postgres.DisposeAsync();
            await s3.DisposeAsync();
        }
    }

    private static async Task<ResultRow> OneSiloAsync(BenchSizes sizes, PollyFake fake, ClusterSettings cluster)
    {
        await using var silo = cluster.Silo(OneSilo, 0, silos: 1);
        await silo.StartAsync();
        var (user, documentId, pages) = await PrepareAsync(silo, sizes.PacingClusterPages);
        fake.SpeechCompletions.Clear();
        var throttledBefore = fake.ThrottledRequests;
        var progress = await WholeDocumentRun.RunAsync(user, documentId, Voice, ProviderPacing.JobTimeout(sizes, pages));
        var rate = ProviderPacing.ProviderRate(fake);
        return new($"Provider pacing on PostgreSQL (one silo) ({pages:N0}-page whole-document job, {ProviderPacing.FakeDescription(sizes)})",
            Format.Number(rate, "req/s"), Format.Number(sizes.PacingRequestsPerSecond, "req/s") + " (quota)", rate / sizes.PacingRequestsPerSecond,
            $"target >= 0.95x with 0 throttling errors; throttling errors seen: {fake.ThrottledRequests - throttledBefore}; failed pages: {progress.Failed}; one host process (silo and web front) on PostgreSQL 15 with fsync on and S3 on moto_server; rate measured at the fake (first to last answer); {ProviderPacing.Configuration(sizes)}");
    }

    private static async Task<IReadOnlyList<ResultRow>> TwoSilosOneKilledAsync(BenchSizes sizes, PollyFake fake, ClusterSettings cluster, PostgresFixture postgres)
    {
        await using var killed = cluster.Silo(TwoSilos, 0, silos: 2);
        await using var survivor = cluster.Silo(TwoSilos, 1, silos: 2);
        await Task.WhenAll(killed.StartAsync(), survivor.StartAsync());
        var (user, documentId, pages) = await PrepareAsync(survivor, sizes.PacingFailoverPages);
        var killAfter = (int)(pages * sizes.PacingKillAfter);
        fake.SpeechCompletions.Clear();
        var throttledBefore = fake.ThrottledRequests;
        var throttledAtKill = 0;
        DateTimeOffset? killedAt = null;
        Task<TimeSpan>? declaredDead = null;
        var progress = await WholeDocumentRun.RunAsync(user, documentId, Voice, ProviderPacing.JobTimeout(sizes, pages), async read =>
        {
            if (killedAt is null && read.Completed >= killAfter)
            {
                throttledAtKill = fake.ThrottledRequests;
                killedAt = DateTimeOffset.UtcNow;
                await killed.KillAsync();
                declaredDead = TimeUntilOneActiveAsync(postgres, TwoSilos, ProviderPacing.JobTimeout(sizes, pages));
            }
        });
        if (killedAt is not { } kill)
        {
            throw new InvalidOperationException($"The job finished before {killAfter} pages were read completed; no silo was killed.");
        }

        var membershipDeclared = await declaredDead!;
        var completions = fake.SpeechCompletions.Order().ToList();
        var pairRate = CompletionRate.Overall([.. completions.Where(c => c <= kill)]);
        var recovery = CompletionRate.RecoveryAfter(completions, kill, 0.95 * sizes.PacingRequestsPerSecond, RecoveryWindow);
        var survivorRate = recovery is { } back ? CompletionRate.Overall([.. completions.Where(c => c >= kill + back)]) : double.NaN;
        var label = $"Provider pacing on PostgreSQL, two silos ({pages:N0}-page whole-document job, {ProviderPacing.FakeDescription(sizes)})";
        return
        [
            new($"{label}: the pair before the kill",
                Format.Number(pairRate, "req/s"), Format.Number(sizes.PacingRequestsPerSecond, "req/s") + " (quota)", pairRate / sizes.PacingRequestsPerSecond,
                $"target >= 0.95x with 0 throttling errors; throttling errors seen before the kill: {throttledAtKill - throttledBefore}; two host processes (silo and web front each) on PostgreSQL 15 with fsync on and S3 on moto_server, each pacing at quota / active silos; rate measured at the fake from the first answer to the SIGKILL, which came when {killAfter} pages read completed; {ProviderPacing.Configuration(sizes, silos: 2)}"),
            new($"{label}: survivor back at >= 0.95x of the quota after the other's SIGKILL",
                recovery is { } time ? Format.Seconds(time) : "not within the job", Format.Seconds(RecoveryTarget) + " (target)", (recovery?.TotalSeconds ?? double.NaN) / RecoveryTarget.TotalSeconds,
                $"from the SIGKILL to the end of the first {RecoveryWindow.TotalSeconds:0} s window after it with >= 0.95 x quota answers at the fake (lower is better); survivor's rate from then to the end: {Format.Number(survivorRate, "req/s")}; the killed silo was declared dead in the membership table {Format.Seconds(membershipDeclared)} after the SIGKILL (until then each silo paces at half the quota); throttling errors after the kill: {fake.ThrottledRequests - throttledAtKill}; failed pages: {progress.Failed}; Orleans:ProbeTimeout 2 s x MissedProbesLimit 3, App:PendingWorkSweepPeriod {ClusterSettings.PendingWorkSweepPeriod}"),
        ];
    }

    /// <summary>How long, from now, until the membership table holds one active silo of the cluster (the other declared dead).</summary>
    private static async Task<TimeSpan> TimeUntilOneActiveAsync(PostgresFixture postgres, string cluster, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await postgres.QueryAsync($"SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = '{cluster}' AND Status = 3")).Single() > 1)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The killed silo was not declared dead within {timeout}.");
            }

            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    /// <summary>A user and a ready document through the given host's web front.</summary>
    private static async Task<(BenchUser User, string DocumentId, int Pages)> PrepareAsync(HostProcess front, int pages)
    {
        var user = await BenchUser.CreateAsync(front.BaseAddress);
        var documentId = await user.PostDocumentAsync("Pacing on PostgreSQL", Corpus.Document(pages, 60));
        return (user, documentId, await user.WaitForDocumentAsync(documentId));
    }

    /// <summary>How each host process of a bench cluster is configured; each cluster gets its own service, so no state or reminder crosses.</summary>
    private sealed class ClusterSettings(BenchSizes sizes, PostgresFixture postgres, MotoServerFixture s3, PollyFake fake, string dataDirectory)
    {
        /// <summary>How soon a killed silo's pages in flight are resumed elsewhere (the default is a minute).</summary>
        public const string PendingWorkSweepPeriod = "00:00:05";

        public HostProcess Silo(string cluster, int index, int silos)
        {
            var settings = new Dictionary<string, string>(BenchHost.Settings)
            {
                ["App:Role"] = "all",
                ["App:PendingWorkSweepPeriod"] = PendingWorkSweepPeriod,
                ["Orleans:Membership"] = "postgres",
                ["Orleans:ServiceId"] = $"lector-bench-{cluster}",
                ["Orleans:ClusterId"] = cluster,
                ["ConnectionStrings:Postgres"] = postgres.ConnectionString,
                ["Blobs:Provider"] = "s3",
                ["Blobs:S3:ServiceUrl"] = s3.ServiceUrl,
                ["Blobs:S3:Bucket"] = MotoServerFixture.Bucket,
                ["Blobs:S3:ForcePathStyle"] = "true",
            };
            foreach (var (key, value) in ProviderPacing.HostSettings(sizes, silos))
            {
                settings[key] = value;
            }

            // The S3 client takes the fake's key from the SDK's environment too; moto accepts any key.
            var environment = new Dictionary<string, string>(HostSettings.AsEnvironment(settings)) { ["AWS_REGION"] = "us-east-1" };
            foreach (var (key, value) in fake.HostEnvironment)
            {
                environment[key] = value;
            }

            return new HostProcess(Path.Combine(dataDirectory, $"{cluster}-{index}"), environment);
        }
    }
}
