using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lector.Silo;

/// <summary>
/// Logs, once a stopping silo has let go of its grains, how many activations it handed over to other silos (live
/// migration), by grain type, how many it deactivated, and how long that took: what an operator watches in a rolling
/// restart. Counted from Orleans' own <c>orleans-catalog-activation-shutdown</c> counter of this silo, listened to only
/// while the silo stops.
/// </summary>
internal sealed partial class ShutdownHandoverReport(IMeterFactory meters, ILogger<ShutdownHandoverReport> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const string OrleansMeter = "Microsoft.Orleans";
    private const string ShutdownCounter = "orleans-catalog-activation-shutdown";

    private readonly ConcurrentDictionary<string, int> _migrated = new(StringComparer.Ordinal);
    private readonly Stopwatch _stopping = new();
    private MeterListener? _listener;
    private int _deactivated;

    /// <summary>
    /// A silo stops its lifecycle from the highest stage down, and deactivates every activation in the stop of the stage
    /// just below <see cref="ServiceLifecycleStage.BecomeActive"/>: listening starts above it and the report comes below.
    /// </summary>
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(ShutdownHandoverReport), ServiceLifecycleStage.BecomeActive, _ => Task.CompletedTask, StartListening);
        lifecycle.Subscribe(nameof(ShutdownHandoverReport), ServiceLifecycleStage.BecomeActive - 2, _ => Task.CompletedTask, Report);
    }

    public void Dispose() => _listener?.Dispose();

    private Task StartListening(CancellationToken cancellationToken)
    {
        _stopping.Start();
        _listener = new MeterListener
        {
            // Several silos in one process (the tests' in-process clusters) each have their own meter factory.
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == OrleansMeter && ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == ShutdownCounter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<int>(OnActivationShutdown);
        _listener.Start();
        return Task.CompletedTask;
    }

    private void OnActivationShutdown(Instrument instrument, int count, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? via = null, grainType = null;
        foreach (var (key, value) in tags)
        {
            switch (key)
            {
                case "via":
                    via = value as string;
                    break;
                case "grain_type":
                    grainType = value as string;
                    break;
            }
        }

        if (via == "migration")
        {
            _migrated.AddOrUpdate(grainType ?? "unknown", count, (_, total) => total + count);
        }
        else
        {
            Interlocked.Add(ref _deactivated, count);
        }
    }

    private Task Report(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        var byType = string.Join(", ", _migrated.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value}"));
        LogHandedOver(logger, _migrated.Values.Sum(), byType, _deactivated, (long)_stopping.Elapsed.TotalMilliseconds);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Migrated} activations handed over to other silos ({MigratedByType}), {Deactivated} deactivated, in {ElapsedMs} ms")]
    private static partial void LogHandedOver(ILogger logger, int migrated, string migratedByType, int deactivated, long elapsedMs);
}
