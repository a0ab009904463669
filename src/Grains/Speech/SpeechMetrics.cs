using System.Diagnostics.Metrics;
using Lector.Abstractions.Diagnostics;
using Lector.Grains.Speech.Polly;

namespace Lector.Grains.Speech;

/// <summary>What this silo's engines do: calls by outcome, time, billed characters, throttling, and the queue at the concurrency gate.</summary>
internal static class SpeechMetrics
{
    private static readonly Counter<long> Requests = LectorDiagnostics.Meter.CreateCounter<long>(
        "lector.speech.requests", "{request}", "Engine calls by engine and outcome (error.type names the failure).");

    private static readonly Histogram<double> Duration = LectorDiagnostics.Meter.CreateHistogram(
        "lector.speech.duration", "s", "Time one engine call took, by engine and outcome (not the wait at the gate).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LectorDiagnostics.SecondsBuckets });

    private static readonly Counter<long> BilledCharacters = LectorDiagnostics.Meter.CreateCounter<long>(
        "lector.speech.billed_characters", "{character}", "Characters the engine billed (a local engine: those it spoke).");

    private static readonly Counter<long> Throttled = LectorDiagnostics.Meter.CreateCounter<long>(
        "lector.speech.throttled", "{request}", "Engine calls the provider refused as too many (retried with backoff).");

    private static readonly UpDownCounter<long> Queued = LectorDiagnostics.Meter.CreateUpDownCounter<long>(
        "lector.speech.queue_depth", "{request}", "Syntheses waiting for a free slot of Speech:MaxConcurrency on this silo.");

    private static readonly UpDownCounter<long> Active = LectorDiagnostics.Meter.CreateUpDownCounter<long>(
        "lector.speech.active", "{request}", "Syntheses running on this silo.");

    public static void EnterQueue() => Queued.Add(1);

    public static void LeaveQueue() => Queued.Add(-1);

    public static void Start() => Active.Add(1);

    public static void Succeeded(string engine, TimeSpan elapsed, long? billedCharacters)
    {
        Active.Add(-1);
        var tag = new KeyValuePair<string, object?>("engine", engine);
        Requests.Add(1, tag, new("outcome", "success"));
        Duration.Record(elapsed.TotalSeconds, tag, new("outcome", "success"));
        if (billedCharacters is { } billed && billed > 0)
        {
            BilledCharacters.Add(billed, tag);
        }
    }

    public static void Failed(string engine, TimeSpan elapsed, string code)
    {
        Active.Add(-1);
        var tag = new KeyValuePair<string, object?>("engine", engine);
        Requests.Add(1, tag, new("outcome", "failure"), new("error.type", code));
        Duration.Record(elapsed.TotalSeconds, tag, new("outcome", "failure"));
        if (code == PollyErrors.Throttled)
        {
            Throttled.Add(1, tag);
        }
    }
}
