using System.Globalization;
using Lector.Grains.Speech;
using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Bench.Scenarios;

/// <summary>
/// A whole-document job (<c>POST /api/documents/{id}/audio</c>) against the Polly contract fake enforcing Polly's
/// standard quota (80 TPS, burst 100) with a provider latency, on the embedded host (SQLite): the client-side
/// pacing should use the quota fully without being throttled, whatever the disk. A wrapper around grain storage
/// counts the durable writes the job costs per page.
/// </summary>
public static class ProviderPacing
{
    /// <summary>Standard-engine voices; each run uses another, so every run synthesizes every page afresh.</summary>
    private static readonly string[] Voices = ["polly:Joanna:standard", "polly:Matthew:standard", "polly:Hans:standard"];

    /// <summary>The durable writes a page should cost: its audio's commit.</summary>
    private const double TargetWritesPerPage = 1;

    /// <summary>
    /// Host settings of every pacing run: the pacer's quota is the fake's, enough syntheses in flight on each silo to
    /// sustain it at the fake's latency (rate x latency, twice over), one provider request per page (no speech marks,
    /// short pages). The job keeps that many pages in flight per silo: pages land on silos at random, and each silo
    /// must be kept busy enough to use its share of the quota.
    /// </summary>
    public static Dictionary<string, string> HostSettings(BenchSizes sizes, int silos = 1) => new()
    {
        ["Speech:Polly:RequestsPerSecond:standard"] = sizes.PacingRequestsPerSecond.ToString(CultureInfo.InvariantCulture),
        ["Speech:Polly:SpeechMarks"] = "false",
        ["Speech:MaxConcurrency"] = PagesInFlight(sizes).ToString(CultureInfo.InvariantCulture),
        ["Speech:DocumentConcurrency"] = (PagesInFlight(sizes) * silos).ToString(CultureInfo.InvariantCulture),
        ["App:MaxPageCharacters"] = "100",
    };

    public static int PagesInFlight(BenchSizes sizes) =>
        sizes.PacingPagesInFlight ?? (int)Math.Ceiling(sizes.PacingRequestsPerSecond * sizes.PacingLatency.TotalSeconds * 2);

    /// <summary>How the fake is set up and the hosts configured, for the rows' names and notes.</summary>
    public static string FakeDescription(BenchSizes sizes) =>
        $"Polly fake at {sizes.PacingRequestsPerSecond:0} req/s, burst {sizes.PacingBurst}, {sizes.PacingLatency.TotalMilliseconds:0} ms latency";

    public static string Configuration(BenchSizes sizes, int silos = 1) =>
        $"Speech:MaxConcurrency = {PagesInFlight(sizes)}, Speech:DocumentConcurrency = {PagesInFlight(sizes) * silos}, speech marks off; {Machine.FsyncedCommits} on this machine";

    public static async Task<PollyFake> StartFakeAsync(BenchSizes sizes)
    {
        var fake = await PollyFake.StartAsync();
        fake.Latency = sizes.PacingLatency;
        fake.LimitRate(sizes.PacingRequestsPerSecond, sizes.PacingBurst);
        return fake;
    }

    /// <summary>Long enough for a job at half the quota, plus start-up.</summary>
    public static TimeSpan JobTimeout(BenchSizes sizes, int pages) => TimeSpan.FromSeconds(60 + (2 * pages / sizes.PacingRequestsPerSecond));

    public static double ProviderRate(PollyFake fake) => CompletionRate.Overall([.. fake.SpeechCompletions.Order()]);

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        await using var fake = await StartFakeAsync(sizes);
        var writes = new GrainWriteCounts();
        await using var app = await BenchHost.StartAsync(
            builder =>
            {
                PollyFake.UseFakeCredentials(builder.Services);
                CountingGrainStorage.Wrap(builder.Services, writes);
            },
            [.. fake.HostArguments, .. Testing.HostSettings.AsArguments(HostSettings(sizes))]);
        var user = await BenchUser.CreateAsync(app);
        var documentId = await user.PostDocumentAsync("Pacing", Corpus.Document(sizes.PacingPages, 60));
        var pages = await user.WaitForDocumentAsync(documentId);

        var rates = new List<double>();
        var writesPerPage = new List<double>();
        IReadOnlyList<StateWrites> breakdown = [];
        var completedPages = 0;
        var failedPages = 0;
        for (var run = 0; run < sizes.PacingRuns; run++)
        {
            fake.SpeechCompletions.Clear();
            writes.Reset();
            var progress = await WholeDocumentRun.RunAsync(user, documentId, Voices[run % Voices.Length], JobTimeout(sizes, pages));
            rates.Add(ProviderRate(fake));
            failedPages += progress.Failed;
            breakdown = writes.Snapshot();
            completedPages = Math.Max(1, progress.Completed);
            writesPerPage.Add(writes.TotalDurableWrites / (double)completedPages);
        }

        // The same number of syntheses through the engine alone (pacer, signing client, concurrency gate), without
        // grains or storage: tells the pacer's own rate from what the rest of the pipeline allows.
        var engines = app.App.Services.GetRequiredService<SpeechEngines>();
        var (engine, voiceName) = (await engines.ResolveAsync(Voices[0], CancellationToken.None))!.Value;
        var throttledBefore = fake.ThrottledRequests;
        fake.SpeechCompletions.Clear();
        await Task.WhenAll(Enumerable.Range(1, pages).Select(p => engines.SynthesizeAsync(engine, voiceName, $"Engine alone, page {p}.", CancellationToken.None)));
        var engineRate = ProviderRate(fake);

        var rate = Format.Median(rates);
        var perPage = Format.Median(writesPerPage);
        var quota = Format.Number(sizes.PacingRequestsPerSecond, "req/s") + " (quota)";
        return
        [
            new($"Provider pacing ({pages:N0}-page whole-document job, embedded SQLite, {FakeDescription(sizes)})",
                Format.Number(rate, "req/s"), quota, rate / sizes.PacingRequestsPerSecond,
                $"target >= 0.95x with 0 throttling errors; throttling errors seen: {throttledBefore}; failed pages: {failedPages}; rate measured at the fake (first to last answer); {Configuration(sizes)}; {Format.Runs(rates, "0.0")}"),
            new($"Provider pacing, engine alone ({pages:N0} syntheses, no grains or storage)",
                Format.Number(engineRate, "req/s"), quota, engineRate / sizes.PacingRequestsPerSecond,
                $"the pacer and Polly client on their own, same fake; throttling errors seen: {fake.ThrottledRequests - throttledBefore}"),
            new($"Durable writes per page ({pages:N0}-page whole-document job, embedded SQLite)",
                Format.Number(perPage, "writes"), Format.Number(TargetWritesPerPage, "write") + " (target)", perPage / TargetWritesPerPage,
                $"grain-state writes and clears from the POST until the job reads finished, over completed pages, counted by a wrapper around the ADO.NET grain storage (lower is better); per page by state name: {Breakdown(breakdown, completedPages)}; largest state written: {Largest(breakdown)}; {Format.Runs(writesPerPage, "0.00")}"),
        ];
    }

    private static string Breakdown(IReadOnlyList<StateWrites> writes, int pages) =>
        string.Join(", ", writes.OrderByDescending(w => w.DurableWrites).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.StateName} {w.DurableWrites / (double)pages:0.00}")));

    private static string Largest(IReadOnlyList<StateWrites> writes) =>
        string.Join(", ", writes.OrderByDescending(w => w.LargestStateBytes).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.StateName} {w.LargestStateBytes:N0} B")));
}
