using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Notifications;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Admin;

/// <summary>
/// What document and audio grains tell the admin side: one call per event from their existing code paths.
/// Reporting is best effort: a failure here is logged and never fails the operation being reported.
/// </summary>
public static partial class OperationsReports
{
    public const string SynthesisFailedKind = "synthesis.failed";
    public const string IngestionFailedKind = "ingestion.failed";

    public static IStatisticsGrain Statistics(this IGrainFactory grains) => grains.Grain<IStatisticsGrain>(0);

    public static async Task ReportAudioStatusAsync(this IGrainFactory grains, AudioStatus? from, AudioStatus? to, ILogger logger)
    {
        if (from != to)
        {
            await BestEffortAsync(() => grains.Statistics().AudioStatusChanged(from, to), logger);
        }
    }

    /// <summary>A synthesis or ingestion failed for good: counted, logged for operators, and told to the document's owner.</summary>
    public static Task ReportFailureAsync(this IGrainFactory grains, FailureRecord failure, string title, ILogger logger) =>
        BestEffortAsync(
            async () =>
            {
                await grains.Statistics().Failed(failure.At);
                await grains.Grain<IFailureLogGrain>(0).Add(failure);
                var data = new Dictionary<string, string>
                {
                    ["documentId"] = failure.DocumentId,
                    ["title"] = title,
                    ["code"] = failure.Code,
                };
                if (failure.AudioId is { } audioId)
                {
                    data["audioId"] = audioId;
                }

                var (kind, message) = failure.Kind == FailureKinds.Synthesis
                    ? (SynthesisFailedKind, $"Audio for \"{title}\" could not be generated: {failure.Message}")
                    : (IngestionFailedKind, $"\"{title}\" could not be processed: {failure.Message}");
                await grains.Grain<INotificationInboxGrain>(failure.OwnerId).Add(kind, null, message, data);
            },
            logger);

    private static async Task BestEffortAsync(Func<Task> report, ILogger logger)
    {
        try
        {
            await report();
        }
        catch (Exception e)
        {
            LogReportFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting to the admin statistics or failure log failed")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}

public static class FailureKinds
{
    public const string Synthesis = "synthesis";
    public const string Ingestion = "ingestion";
}
