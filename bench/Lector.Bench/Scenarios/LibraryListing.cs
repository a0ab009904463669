using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Bench.Scenarios;

/// <summary>
/// GET /api/documents?pageSize=50 for a user with a large library, under closed-loop load, against bare Kestrel
/// answering the same bytes; and grain calls per listing for that library and a small one.
/// </summary>
public static class LibraryListing
{
    private const string Path = "/api/documents?pageSize=50";

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        var counter = new GrainCallCounter();
        await using var app = await BenchHost.StartAsync(
            builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(counter));
        var large = await BenchUser.CreateAsync(app);
        var small = await BenchUser.CreateAsync(app);
        await large.AddDocumentsAsync(sizes.LibraryDocuments);
        await small.AddDocumentsAsync(sizes.SmallLibraryDocuments);

        using var sample = await large.Client.GetAsync(Path);
        sample.EnsureSuccessStatusCode();
        var body = await sample.Content.ReadAsByteArrayAsync();
        await using var bare = await BareEndpoint.StartAsync(sample, body);

        using var lectorClient = LoadDriver.CreateClient(app.BaseAddress, sizes.Connections, large.Token);
        using var bareClient = LoadDriver.CreateClient(bare.BaseAddress, sizes.Connections);
        var warmUpRounds = await JitWarmUp.RunAsync(async () =>
        {
            await LoadDriver.RunAsync(lectorClient, Get, sizes.Connections, sizes.WarmUpRound);
            await LoadDriver.RunAsync(bareClient, Get, sizes.Connections, sizes.WarmUpRound);
        }, sizes.MaxWarmUpRounds);
        var lector = new List<(LoadResult Load, double CallsPerRequest)>();
        var baseline = new List<LoadResult>();
        for (var run = 0; run < sizes.Runs; run++)
        {
            // Alternating the two spreads the machine's background noise over both.
            lector.Add(await MeasureAsync(lectorClient, counter, sizes, sizes.Duration));
            await LoadDriver.RunAsync(bareClient, Get, sizes.Connections, sizes.WarmUp);
            baseline.Add(await LoadDriver.RunAsync(bareClient, Get, sizes.Connections, sizes.Duration));
        }

        using var smallClient = LoadDriver.CreateClient(app.BaseAddress, sizes.Connections, small.Token);
        var smallLibrary = await MeasureAsync(smallClient, counter, sizes, TimeSpan.FromTicks(sizes.Duration.Ticks / 4));

        var rps = Format.Median([.. lector.Select(r => r.Load.RequestsPerSecond)]);
        var bareRps = Format.Median([.. baseline.Select(r => r.RequestsPerSecond)]);
        var p50 = Format.Median([.. lector.Select(r => r.Load.Latencies.Percentile(50).TotalMilliseconds)]);
        var bareP50 = Format.Median([.. baseline.Select(r => r.Latencies.Percentile(50).TotalMilliseconds)]);
        var p99 = Format.Median([.. lector.Select(r => r.Load.Latencies.Percentile(99).TotalMilliseconds)]);
        var bareP99 = Format.Median([.. baseline.Select(r => r.Latencies.Percentile(99).TotalMilliseconds)]);
        var calls = Format.Median([.. lector.Select(r => r.CallsPerRequest)]);
        var failures = lector.Sum(r => r.Load.Failures) + baseline.Sum(r => r.Failures);
        var label = $"Library listing ({sizes.LibraryDocuments:N0} docs, pageSize 50, {sizes.Connections} connections, {sizes.Duration.TotalSeconds:0.#} s)";
        return
        [
            new($"{label}: requests/s", Format.Number(rps, "req/s"), Format.Number(bareRps, "req/s") + " (bare Kestrel, same bytes)", rps / bareRps,
                $"target >= 0.60x; {body.Length:N0}-byte answer; {JitWarmUp.Describe(warmUpRounds, sizes.MaxWarmUpRounds, $"{sizes.WarmUpRound.TotalSeconds:0.#} s runs")}; Lector {Format.Runs(lector.Select(r => r.Load.RequestsPerSecond), "0")} vs baseline {Format.Runs(baseline.Select(r => r.RequestsPerSecond), "0")}; CPU of this process (driver and server) per request {Format.Number(Format.Median([.. lector.Select(r => r.Load.CpuMicrosecondsPerRequest)]), "µs")} vs {Format.Number(Format.Median([.. baseline.Select(r => r.CpuMicrosecondsPerRequest)]), "µs")}; failed requests: {failures}"),
            new($"{label}: p50", Format.Number(p50, "ms"), Format.Number(bareP50, "ms"), p50 / bareP50, "latency ratio (lower is better)"),
            new($"{label}: p99", Format.Number(p99, "ms"), Format.Number(bareP99, "ms"), p99 / bareP99, "latency ratio (lower is better)"),
            new($"Library listing: grain calls per request, {sizes.LibraryDocuments:N0} vs {sizes.SmallLibraryDocuments} docs",
                Format.Number(calls, "calls"), Format.Number(smallLibrary.CallsPerRequest, "calls") + $" ({sizes.SmallLibraryDocuments}-doc library)", calls / smallLibrary.CallsPerRequest,
                "target 1.00x (calls independent of library size); counted by an incoming grain call filter over the timed run; the bare endpoint makes 0"),
        ];
    }

    private static HttpRequestMessage Get() => new(HttpMethod.Get, Path);

    private static async Task<(LoadResult Load, double CallsPerRequest)> MeasureAsync(HttpClient client, GrainCallCounter counter, BenchSizes sizes, TimeSpan duration)
    {
        await LoadDriver.RunAsync(client, Get, sizes.Connections, sizes.WarmUp);
        var before = counter.Calls;
        var load = await LoadDriver.RunAsync(client, Get, sizes.Connections, duration);
        return (load, (counter.Calls - before) / (double)load.Requests);
    }
}
