using Lector.Grains.Work;

namespace Lector.Silo;

/// <summary>
/// At start-up, asks every grain listed with unfinished work to resume it. Embedded mode has no durable
/// reminders, so this is how a synthesis interrupted by a crash completes without a new request.
/// </summary>
internal sealed partial class PendingWorkResumer(PendingWork pendingWork, ILogger<PendingWorkResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var resumed = await pendingWork.ResumeAllAsync(stoppingToken);
            LogResumed(logger, resumed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} grains with unfinished work")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resuming unfinished work failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
