using Lector.Abstractions;
using System.Diagnostics.Metrics;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Diagnostics;
using Lector.WebFront.Security;

namespace Lector.WebFront.Audit;

/// <summary>
/// Requests refused before their endpoint ran (a missing CSRF token, a rate limit, an admin route asked by someone
/// else) go to the audit log through the client's refusal grain, which folds repeats (see
/// <see cref="IRefusalAuditGrain"/>); each one is also counted in <c>lector.http.refusals</c>, which costs no storage.
/// </summary>
public static class Refusals
{
    public const string Csrf = "request.csrf_refused";
    public const string RateLimited = "request.rate_limited";
    public const string AdminOnly = "request.admin_only";

    private const string RecordedItem = "lector.audit.refused";

    private static readonly Counter<long> Counted = LectorDiagnostics.Meter.CreateCounter<long>(
        "lector.http.refusals", "{request}", "Requests refused before their endpoint ran, by action (CSRF, rate limit, admin only).");

    /// <summary>Records the refusal (without waiting for the log) and marks the request, so its endpoint's own audit does not record it again.</summary>
    public static void Record(HttpContext http, string action)
    {
        http.Items[RecordedItem] = true;
        Counted.Add(1, new KeyValuePair<string, object?>("action", action));
        var endpoint = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var record = Audited.RecordOf(http, action, "endpoint", $"{http.Request.Method} {endpoint}", AuditRecord.Refused);
        http.RequestServices.GetRequiredService<IClusterClient>().Grain<IRefusalAuditGrain>(http.ClientPartition()).Refused(record, 1).Ignore();
    }

    public static bool WereRecorded(HttpContext http) => http.Items.ContainsKey(RecordedItem);
}
