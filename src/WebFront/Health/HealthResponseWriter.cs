using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lector.WebFront.Health;

/// <summary>Names each check and its status; never exception messages, which may carry hosts or paths.</summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant()),
        });
}
