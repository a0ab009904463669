using System.Diagnostics.Metrics;
using Lector.Abstractions.Diagnostics;

namespace Lector.Grains.Ingestion;

/// <summary>Documents read into pages: how many, of which format, how they ended and how long it took.</summary>
internal static class IngestionMetrics
{
    public const string Ready = "ready";

    private static readonly Counter<long> Documents = LectorDiagnostics.Meter.CreateCounter<long>(
        "lector.ingestion.documents", "{document}", "Ingestions ended, by format and outcome (ready, or the refusal's code).");

    private static readonly Histogram<double> Duration = LectorDiagnostics.Meter.CreateHistogram(
        "lector.ingestion.duration", "s", "Time from reading the original to pages stored, by format.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LectorDiagnostics.SecondsBuckets });

    private static readonly Counter<long> Pages = LectorDiagnostics.Meter.CreateCounter<long>(
        "lector.ingestion.pages", "{page}", "Pages made by ingestions that succeeded, by format.");

    public static void Ended(string format, string outcome, TimeSpan elapsed, int pages)
    {
        var tag = new KeyValuePair<string, object?>("format", format);
        Documents.Add(1, tag, new("outcome", outcome));
        Duration.Record(elapsed.TotalSeconds, tag);
        if (pages > 0)
        {
            Pages.Add(pages, tag);
        }
    }
}
