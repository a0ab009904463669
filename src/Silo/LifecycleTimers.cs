using Lector.Abstractions;
using Lector.Abstractions.Lifecycle;
using Lector.Grains;
using Lector.Grains.Lifecycle;
using Lector.Grains.Work;
using Microsoft.Extensions.Options;

namespace Lector.Silo;

/// <summary>
/// Drives the retention sweep, the resumption of unfinished audio and the blob reconciler on every silo. A timer here rather than a reminder:
/// embedded mode has only in-memory reminders, while a hosted service starts again with the process in both
/// modes. Several silos may tick together: a sweep visits only audio that is due and applying retention is
/// idempotent, and the reconciler skips a pass when another silo ran one recently.
/// </summary>
internal sealed partial class LifecycleTimers(
    AudioRetentionSweep retention,
    PendingWork pendingWork,
    IGrainFactory grains,
    IOptions<LectorOptions> lector,
    IOptions<AudioLifecycleOptions> audio,
    IOptions<ReconcilerOptions> reconciler,
    TimeProvider time,
    ILogger<LifecycleTimers> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        RepeatAsync(audio.Value.SweepInterval, async () => LogSwept(logger, await retention.SweepAsync(stoppingToken)), stoppingToken),
        RepeatAsync(lector.Value.PendingWorkSweepPeriod, () => pendingWork.ResumeUnfinishedAudioAsync(stoppingToken), stoppingToken),
        RepeatAsync(reconciler.Value.Interval, () => grains.Grain<IBlobReconcilerGrain>(0).Reconcile(force: false), stoppingToken));

    private async Task RepeatAsync(TimeSpan interval, Func<Task> pass, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await pass();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPassFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep visited {Count} audio")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A lifecycle pass failed; the next tick tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
