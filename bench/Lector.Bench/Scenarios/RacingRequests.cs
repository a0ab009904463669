using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Bench.Scenarios;

/// <summary>
/// Many clients ask for the same page-voice at once: the single activation must turn them into one synthesis.
/// Latency is compared with bare Kestrel answering the same burst.
/// </summary>
public static class RacingRequests
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        var counter = new GrainCallCounter();
        await using var app = await BenchHost.StartAsync(
            builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(counter));
        var user = await BenchUser.CreateAsync(app);
        var voice = await user.VoiceAsync("local", "en");

        // One short page per burst, so each burst races for audio that does not exist yet (the warm-up bursts have
        // pages of their own), and a last page whose answer the bare endpoint repeats.
        var pages = sizes.RacingMaxWarmUpRuns + sizes.RacingRuns + 1;
        var documentId = await user.PostDocumentAsync("Racing", Corpus.Document(pages, 1600));
        await user.WaitForDocumentAsync(documentId);

        using var client = LoadDriver.CreateClient(app.BaseAddress, int.MaxValue, user.Token);
        var engineCalls = new List<double>();
        var nextPage = 1;
        async Task<LoadResult> RaceForNextPageAsync()
        {
            var number = nextPage++;
            var speech = await user.PageSpeechAsync(documentId, number);
            var result = await LoadDriver.BurstAsync(client, () => user.RequestAudio(documentId, number, voice), sizes.RacingRequests);
            await WaitForAudioAsync(user, documentId, number, voice);
            engineCalls.Add(app.Engine.CallsFor(speech));
            return result;
        }

        // The bare endpoint repeats the answer most of a burst gets: the audio already asked for (200), not the 202 of
        // the request that made it.
        (await client.SendAsync(user.RequestAudio(documentId, pages, voice))).Dispose();
        using var sample = await client.SendAsync(user.RequestAudio(documentId, pages, voice));
        var body = await sample.Content.ReadAsByteArrayAsync();
        await using var bare = await BareEndpoint.StartAsync(sample, body);
        using var bareClient = LoadDriver.CreateClient(bare.BaseAddress, int.MaxValue);
        Task<LoadResult> BareBurstAsync() => LoadDriver.BurstAsync(bareClient, () => user.RequestAudio(documentId, pages, voice), sizes.RacingRequests);

        // Both servers answer untimed bursts first, until the JIT is done with them (dozens of bursts: the synthesis
        // each burst starts runs its code once, and tiered compilation recompiles a method after some dozens of calls),
        // so neither is timed while its code is still being compiled or its connections opened; then timed bursts
        // alternate, so both meet the same machine.
        var warmUpRuns = await JitWarmUp.RunAsync(async () =>
        {
            await RaceForNextPageAsync();
            await BareBurstAsync();
        }, sizes.RacingMaxWarmUpRuns);

        var lector = new List<LoadResult>();
        var baseline = new List<LoadResult>();
        var grainCalls = new List<double>();
        for (var run = 0; run < sizes.RacingRuns; run++)
        {
            var before = counter.Calls;
            var burst = await RaceForNextPageAsync();
            lector.Add(burst);
            grainCalls.Add((counter.Calls - before) / (double)burst.Requests);
            baseline.Add(await BareBurstAsync());
        }

        var calls = engineCalls.Max();
        var p99 = Format.Median([.. lector.Select(r => r.Latencies.Percentile(99).TotalMilliseconds)]);
        var bareP99 = Format.Median([.. baseline.Select(r => r.Latencies.Percentile(99).TotalMilliseconds)]);
        var failures = lector.Sum(r => r.Failures);
        var label = $"Racing requests ({sizes.RacingRequests:N0} concurrent POSTs, one page-voice)";
        return
        [
            new($"{label}: engine calls", Format.Number(calls, "calls"), "1 call (target)", calls / 1,
                $"worst of {engineCalls.Count} bursts ({warmUpRuns} warm-up, {sizes.RacingRuns} timed), each on a fresh page; counted by a wrapper around the real espeak-ng engine; timed {Format.Runs(engineCalls.TakeLast(sizes.RacingRuns), "0")}; failed requests: {failures}"),
            new($"{label}: p99", Format.Number(p99, "ms"), Format.Number(bareP99, "ms") + " (bare Kestrel, same burst)", p99 / bareP99,
                $"target <= 2x; latency ratio (lower is better); {JitWarmUp.Describe(warmUpRuns, sizes.RacingMaxWarmUpRuns, "bursts")}, timed bursts alternating; Lector {Format.Runs([.. lector.Select(r => r.Latencies.Percentile(99).TotalMilliseconds)], "0.0")} vs baseline {Format.Runs([.. baseline.Select(r => r.Latencies.Percentile(99).TotalMilliseconds)], "0.0")}; p50 {Format.Number(Format.Median([.. lector.Select(r => r.Latencies.Percentile(50).TotalMilliseconds)]), "ms")} vs {Format.Number(Format.Median([.. baseline.Select(r => r.Latencies.Percentile(50).TotalMilliseconds)]), "ms")}; CPU of this process (driver and server) per request {Format.Number(Format.Median([.. lector.Select(r => r.CpuMicrosecondsPerRequest)]), "µs")} vs {Format.Number(Format.Median([.. baseline.Select(r => r.CpuMicrosecondsPerRequest)]), "µs")}; grain calls per request {Format.Median([.. grainCalls]).ToString("0.00", CultureInfo.InvariantCulture)} (counted by an incoming grain call filter from the burst to its audio's completion, the synthesis included); the runtime during the timed bursts (whole process, driver included): Lector's {RuntimeIn(lector)}, the baseline's {RuntimeIn(baseline)}"),
        ];
    }

    /// <summary>How long the JIT compiled and how many bursts a collection paused, in all: the usual reasons a burst is slow.</summary>
    private static string RuntimeIn(IReadOnlyList<LoadResult> bursts)
    {
        var collecting = bursts.Count(b => b.Runtime.Collections > 0 || b.Runtime.Paused > TimeSpan.Zero);
        return $"JIT {Format.Number(bursts.Sum(b => b.Runtime.Compiling.TotalMilliseconds), "ms")} in all, "
            + $"collections in {collecting} of {bursts.Count} bursts ({Format.Number(bursts.Sum(b => b.Runtime.Paused.TotalMilliseconds), "ms")} paused in all)";
    }

    private static async Task WaitForAudioAsync(BenchUser user, string documentId, int page, string voice)
    {
        for (var i = 0; i < 1200; i++)
        {
            using var response = await user.Client.SendAsync(user.RequestAudio(documentId, page, voice));
            var audio = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (audio.GetProperty("status").GetString() is "completed" or "failed")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The raced audio did not finish.");
    }
}
