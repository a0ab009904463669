using Lector.Testing;
using Microsoft.AspNetCore.Builder;

namespace Lector.Bench;

/// <summary>
/// The real host in this process (<see cref="LectorApp"/>), with per-user rate limits lifted, since the benchmark
/// is one user doing the work of many, and logging cut to errors, so the table on stdout stays readable.
/// </summary>
public static class BenchHost
{
    /// <summary>What every benchmarked host is given, in this process or as a host process.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Error",
        ["RateLimits:Uploads:Limit"] = "1000000",
        ["RateLimits:Audio:Limit"] = "1000000",
    };

    public static Task<LectorApp> StartAsync(Action<WebApplicationBuilder>? configure = null, params string[] settings) =>
        LectorApp.StartAsync(configure, [.. HostSettings.AsArguments(Settings), .. settings]);
}
