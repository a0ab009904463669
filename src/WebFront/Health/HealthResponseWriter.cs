using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lector.WebFront.Health;

/// <summary>Names each check and its status; never exception messages, which may carry hosts or paths.</summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new HealthResponse(
            Lower(report.Status),
            report.Entries.ToDictionary(e => e.Key, e => Lower(e.Value.Status))));

    private static string Lower(HealthStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>The answer of <c>/health/live</c> and <c>/health/ready</c>: <c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>, overall and per check.</summary>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks);
