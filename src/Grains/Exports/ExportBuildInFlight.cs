using Lector.Abstractions.Exports;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Exports;

/// <summary>
/// The build one export activation has in flight. It runs off the grain's scheduler and touches no grain state: its
/// progress and its outcome go to the grain as calls (<see cref="IExportMaintenanceGrain.Progressed"/>,
/// <see cref="IExportMaintenanceGrain.BuildEnded"/>), so the grain changes its state only in its own turns.
/// </summary>
internal sealed partial class ExportBuildInFlight(ExportBuilder builder, ILogger logger) : IDisposable
{
    private CancellationTokenSource? _stopping;
    private Task? _running;

    public bool IsRunning => _running is { IsCompleted: false };

    public void Start(ExportKey key, int build, string requestedBy, IExportMaintenanceGrain export)
    {
        _stopping?.Dispose();
        _stopping = new CancellationTokenSource();
        var stopping = _stopping.Token;
        _running = Task.Run(() => RunAsync(key, build, requestedBy, export, stopping), CancellationToken.None);
    }

    /// <summary>The grain is applying the outcome now: the build is over.</summary>
    public void End() => _running = null;

    /// <summary>Cancels a build at work (its encoders are killed) and waits for it to stop; its outcome is never applied.</summary>
    public async Task StopAsync()
    {
        if (_running is { IsCompleted: false } running && _stopping is { } stopping)
        {
            await stopping.CancelAsync();
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        End();
    }

    public void Dispose() => _stopping?.Dispose();

    private async Task RunAsync(ExportKey key, int build, string requestedBy, IExportMaintenanceGrain export, CancellationToken stopping)
    {
        try
        {
            var result = await builder.BuildAsync(key, build, requestedBy, (phase, done) => export.Progressed(build, phase, done).Ignore(), stopping);
            if (result is not null)
            {
                await export.BuildEnded(build, result);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped: the stored state still says pending, and the export builds again when it resumes.
        }
        catch (Exception e)
        {
            // The outcome could not be handed back (the grain's silo is going): the state still says pending.
            LogHandBackFailed(logger, e, key.GrainKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {ExportKey} could not report its build; it builds again later")]
    private static partial void LogHandBackFailed(ILogger logger, Exception exception, string exportKey);
}
