using Lector.Testing;
using Microsoft.AspNetCore.Builder;

namespace Lector.Bench;

/// <summary>
/// The real host in this process (<see cref="LectorApp"/>), with per-user rate limits lifted, since the benchmark
/// is one user doing the work of many, and logging cut to errors, so the table on stdout stays readable.
/// </summary>
public static class BenchHost
{
    public static Task<LectorApp> StartAsync(Action<WebApplicationBuilder>? configure = null, params string[] settings) =>
        LectorApp.StartAsync(
            configure,
            [
                "--Logging:LogLevel:Default=Error",
                "--RateLimits:Uploads:Limit=1000000",
                "--RateLimits:Audio:Limit=1000000",
                .. settings,
            ]);
}
