using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.Bench.Scenarios;

/// <summary>
/// Many clients ask for the same page-voice at once: the single activation must turn them into one synthesis.
/// Latency is compared with bare Kestrel answering the same burst.
/// </summary>
public static class RacingRequests
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        await using var app = await BenchHost.StartAsync();
        var user = await BenchUser.CreateAsync(app);
        var voice = await user.VoiceAsync("local", "en");

        // One short page per run, so each run races for audio that does not exist yet.
        var documentId = await user.PostDocumentAsync("Racing", Corpus.Document(sizes.RacingRuns, 1600));
        await user.WaitForDocumentAsync(documentId);

        using var client = LoadDriver.CreateClient(app.BaseAddress, int.MaxValue, user.Token);
        var engineCalls = new List<double>();
        var lector = new List<LoadResult>();
        for (var page = 1; page <= sizes.RacingRuns; page++)
        {
            var speech = await user.PageSpeechAsync(documentId, page);
            var number = page;
            lector.Add(await LoadDriver.BurstAsync(client, () => user.RequestAudio(documentId, number, voice), sizes.RacingRequests));
            await WaitForAudioAsync(user, documentId, page, voice);
            engineCalls.Add(app.Engine.CallsFor(speech));
        }

        using var sample = await client.SendAsync(user.RequestAudio(documentId, 1, voice));
        var body = await sample.Content.ReadAsByteArrayAsync();
        await using var bare = await BareEndpoint.StartAsync(body, sample.Content.Headers.ContentType!.ToString());
        using var bareClient = LoadDriver.CreateClient(bare.BaseAddress, int.MaxValue);
        var baseline = new List<LoadResult>();
        for (var run = 0; run < sizes.RacingRuns; run++)
        {
            baseline.Add(await LoadDriver.BurstAsync(bareClient, () => user.RequestAudio(documentId, 1, voice), sizes.RacingRequests));
        }

        var calls = engineCalls.Max();
        var p99 = Format.Median([.. lector.Select(r => r.Latencies.Percentile(99).TotalMilliseconds)]);
        var bareP99 = Format.Median([.. baseline.Select(r => r.Latencies.Percentile(99).TotalMilliseconds)]);
        var failures = lector.Sum(r => r.Failures);
        var label = $"Racing requests ({sizes.RacingRequests:N0} concurrent POSTs, one page-voice)";
        return
        [
            new($"{label}: engine calls", Format.Number(calls, "calls"), "1 call (target)", calls / 1,
                $"worst of {sizes.RacingRuns} runs, each on a fresh page; counted by a wrapper around the real espeak-ng engine; {Format.Runs(engineCalls, "0")}; failed requests: {failures}"),
            new($"{label}: p99", Format.Number(p99, "ms"), Format.Number(bareP99, "ms") + " (bare Kestrel, same burst)", p99 / bareP99,
                $"latency ratio (lower is better); p50 {Format.Number(Format.Median([.. lector.Select(r => r.Latencies.Percentile(50).TotalMilliseconds)]), "ms")} vs {Format.Number(Format.Median([.. baseline.Select(r => r.Latencies.Percentile(50).TotalMilliseconds)]), "ms")}"),
        ];
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
