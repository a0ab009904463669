using System.Diagnostics;
using System.Runtime;

namespace Lector.Bench;

/// <summary>
/// What the runtime did in this whole process (driver included) while a load ran, besides serving it: compiling code
/// (summed over threads, mostly tier-1 recompilation on a background thread, which takes a core from the load) and
/// collecting garbage (which pauses every thread). A burst that met either is slow for reasons other than the server's code.
/// </summary>
public readonly record struct RuntimeWork(TimeSpan Compiling, int Collections, TimeSpan Paused)
{
    public static RuntimeWork Now() => new(JitInfo.GetCompilationTime(), GC.CollectionCount(0), GC.GetTotalPauseDuration());

    public RuntimeWork Since(RuntimeWork start) => new(Compiling - start.Compiling, Collections - start.Collections, Paused - start.Paused);
}

/// <summary>
/// What one timed load run achieved, and the CPU time this process spent meanwhile (the driver's, the server's and
/// any background work's, not child processes'): unlike latency, it hardly moves when other work shares the machine.
/// </summary>
public sealed record LoadResult(long Requests, long Failures, TimeSpan Elapsed, LatencyHistogram Latencies, TimeSpan CpuTime, RuntimeWork Runtime)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double CpuMicrosecondsPerRequest => CpuTime.TotalMicroseconds / Math.Max(1, Requests + Failures);
}

/// <summary>
/// A closed-loop load generator: a fixed number of workers, each on its own connection, send the next request as
/// soon as the previous answer is read in full. Only successful answers count as requests.
/// </summary>
public static class LoadDriver
{
    public static HttpClient CreateClient(Uri baseAddress, int connections, string? bearerToken = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearerToken);
        }

        return client;
    }

    /// <summary>Sends all requests at once (released together) and waits for every answer.</summary>
    /// <remarks>
    /// Each request's latency goes into one array made before the burst, and the histogram is built after it: a
    /// histogram per request (64 KiB each) made the driver allocate 64 MB during a burst of 1,000, whose collections
    /// paused the server being measured.
    /// </remarks>
    public static async Task<LoadResult> BurstAsync(HttpClient client, Func<HttpRequestMessage> request, int count)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var latencies = new TimeSpan?[count];
        var workers = Enumerable.Range(0, count).Select(async i =>
        {
            await start.Task;
            var started = Stopwatch.GetTimestamp();
            if (await SucceedsAsync(client, request()))
            {
                latencies[i] = Stopwatch.GetElapsedTime(started);
            }
        }).ToList();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var runtime = RuntimeWork.Now();
        var clock = Stopwatch.StartNew();
        start.SetResult();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var runtimeWork = RuntimeWork.Now().Since(runtime);
        var histogram = new LatencyHistogram();
        foreach (var latency in latencies)
        {
            if (latency is { } recorded)
            {
                histogram.Record(recorded);
            }
        }

        return new LoadResult(histogram.Count, count - histogram.Count, elapsed, histogram, cpuTime, runtimeWork);
    }

    /// <summary>Keeps <paramref name="connections"/> requests in flight for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> RunAsync(HttpClient client, Func<HttpRequestMessage> request, int connections, TimeSpan duration)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var runtime = RuntimeWork.Now();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var histogram = new LatencyHistogram();
            long failures = 0;
            while (clock.Elapsed < duration)
            {
                if (!await SendAsync(client, request(), histogram))
                {
                    failures++;
                }
            }

            return (histogram, failures);
        })).ToList();
        var results = await Task.WhenAll(workers);
        return Merge(results, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, RuntimeWork.Now().Since(runtime));
    }

    private static async Task<bool> SendAsync(HttpClient client, HttpRequestMessage request, LatencyHistogram histogram)
    {
        var started = Stopwatch.GetTimestamp();
        if (!await SucceedsAsync(client, request))
        {
            return false;
        }

        histogram.Record(Stopwatch.GetElapsedTime(started));
        return true;
    }

    /// <summary>Sends the request and reads the answer in full; true when it succeeded.</summary>
    private static async Task<bool> SucceedsAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return response.IsSuccessStatusCode;
        }
    }

    private static LoadResult Merge(IEnumerable<(LatencyHistogram Histogram, long Failures)> results, TimeSpan elapsed, TimeSpan cpuTime, RuntimeWork runtime)
    {
        var all = new LatencyHistogram();
        long failures = 0;
        foreach (var (histogram, failed) in results)
        {
            all.Add(histogram);
            failures += failed;
        }

        return new LoadResult(all.Count, failures, elapsed, all, cpuTime, runtime);
    }
}
