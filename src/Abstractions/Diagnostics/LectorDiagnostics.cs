using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lector.Abstractions.Diagnostics;

/// <summary>
/// Lector's own spans and instruments, both named <see cref="Name"/>. Creating spans and recording measurements
/// costs next to nothing until a listener (the OpenTelemetry providers the host configures) subscribes to the name.
/// </summary>
public static class LectorDiagnostics
{
    public const string Name = "Lector";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Bucket bounds in seconds for durations from a few milliseconds (a blob write) to minutes (a long page spoken).</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    /// <summary>Marks <paramref name="activity"/> failed with a stable code (never a message, which may quote user data).</summary>
    public static void Fail(this Activity? activity, string code)
    {
        activity?.SetStatus(ActivityStatusCode.Error, code);
        activity?.SetTag("error.type", code);
    }
}
