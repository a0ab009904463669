using Lector.Grains.Speech;
using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Bench.Scenarios;

/// <summary>
/// A large job against the Polly contract fake enforcing Polly's standard quota (80 TPS, burst 100) with a
/// provider latency: the client-side pacing should use the quota fully without being throttled.
/// </summary>
public static class ProviderPacing
{
    /// <summary>Standard-engine voices; each run uses another, so every run synthesizes every page afresh.</summary>
    private static readonly string[] Voices = ["polly:Joanna:standard", "polly:Matthew:standard", "polly:Hans:standard"];

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        await using var fake = await PollyFake.StartAsync();
        fake.Latency = sizes.PacingLatency;
        fake.LimitRate(sizes.PacingRequestsPerSecond, sizes.PacingBurst);

        // Enough syntheses in flight to sustain the quota at this latency (rate x latency, with headroom).
        var concurrency = (int)Math.Ceiling(sizes.PacingRequestsPerSecond * sizes.PacingLatency.TotalSeconds * 2);
        await using var app = await BenchHost.StartAsync(
            builder => PollyFake.UseFakeCredentials(builder.Services),
            [.. fake.HostArguments,
            "--Speech:Polly:SpeechMarks=false",
            $"--Speech:MaxConcurrency={concurrency}",
            "--App:MaxPageCharacters=100"]);
        var user = await BenchUser.CreateAsync(app);
        var documentId = await user.PostDocumentAsync("Pacing", Corpus.Document(sizes.PacingPages, 60));
        var pages = Enumerable.Range(1, await user.WaitForDocumentAsync(documentId)).ToList();

        var rates = new List<double>();
        var failedPages = 0;
        for (var run = 0; run < sizes.PacingRuns; run++)
        {
            fake.SpeechCompletions.Clear();
            var voice = Voices[run % Voices.Length];
            await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (page, _) =>
            {
                using var response = await user.Client.SendAsync(user.RequestAudio(documentId, page, voice));
                response.EnsureSuccessStatusCode();
            });
            failedPages += await AudioProgress.WaitAllAsync(app, documentId, pages, voice, TimeSpan.FromMinutes(15));
            var completions = fake.SpeechCompletions.Order().ToList();
            rates.Add((completions.Count - 1) / (completions[^1] - completions[0]).TotalSeconds);
        }

        // The same number of syntheses through the engine alone (pacer, signing client, concurrency gate), without
        // grains or storage: tells the pacer's own rate from what the rest of the pipeline allows.
        var engines = app.App.Services.GetRequiredService<SpeechEngines>();
        var (engine, voiceName) = (await engines.ResolveAsync(Voices[0], CancellationToken.None))!.Value;
        var throttledBefore = fake.ThrottledRequests;
        fake.SpeechCompletions.Clear();
        await Task.WhenAll(pages.Select(p => engines.SynthesizeAsync(engine, voiceName, $"Engine alone, page {p}.", CancellationToken.None)));
        var engineCompletions = fake.SpeechCompletions.Order().ToList();
        var engineRate = (engineCompletions.Count - 1) / (engineCompletions[^1] - engineCompletions[0]).TotalSeconds;

        var rate = Format.Median(rates);
        return
        [
            new($"Provider pacing ({pages.Count:N0} pages, Polly fake at {sizes.PacingRequestsPerSecond:0} req/s, burst {sizes.PacingBurst}, {sizes.PacingLatency.TotalMilliseconds:0} ms latency)",
                Format.Number(rate, "req/s"), Format.Number(sizes.PacingRequestsPerSecond, "req/s") + " (quota)", rate / sizes.PacingRequestsPerSecond,
                $"target >= 0.95x with 0 throttling errors; throttling errors seen: {fake.ThrottledRequests}; failed pages: {failedPages}; rate measured at the fake (first to last answer); Speech:MaxConcurrency={concurrency}, speech marks off; {Format.Runs(rates, "0.0")}"),
            new($"Provider pacing, engine alone ({pages.Count:N0} syntheses, no grains or storage)",
                Format.Number(engineRate, "req/s"), Format.Number(sizes.PacingRequestsPerSecond, "req/s") + " (quota)", engineRate / sizes.PacingRequestsPerSecond,
                $"the pacer and Polly client on their own, same fake; throttling errors seen: {fake.ThrottledRequests - throttledBefore}"),
        ];
    }
}
