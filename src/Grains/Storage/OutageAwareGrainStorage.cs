using Lector.Abstractions;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Lector.Grains.Storage;

/// <summary>
/// The grain storage as grains see it: an outage of the database (see <see cref="StorageOutages"/>) surfaces as a
/// <see cref="StorageUnavailableException"/>, during an activation's first read as much as in a grain's own writes,
/// so callers answer 503 and work in flight knows to wait and retry rather than fail. Everything else passes unchanged.
/// A write that finds the database unavailable (after waiting for a lock, say) makes the writes of the next moments
/// fail at once instead of each waiting as long: a request that writes twice still answers within one wait.
/// </summary>
public sealed partial class OutageAwareGrainStorage(IGrainStorage inner, TimeProvider time, ILogger<OutageAwareGrainStorage> logger)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long writes fail at once after one found the database unavailable; then the next one tries again.</summary>
    private static readonly TimeSpan FailFastFor = TimeSpan.FromSeconds(2);

    private long _failFastUntil;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync(stateName, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardWriteAsync(stateName, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardWriteAsync(stateName, () => inner.ClearStateAsync(stateName, grainId, grainState));

    /// <summary>Orleans starts the default storage through its keyed registration, so the lifecycle goes to the real one.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private Task GuardWriteAsync(string stateName, Func<Task> write)
    {
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _failFastUntil))
        {
            throw new StorageUnavailableException();
        }

        return GuardAsync(stateName, async () =>
        {
            try
            {
                await write();
            }
            catch (Exception e) when (StorageOutages.Classify(e) is not null)
            {
                Interlocked.Exchange(ref _failFastUntil, (time.GetUtcNow() + FailFastFor).UtcTicks);
                throw;
            }
        });
    }

    private async Task GuardAsync(string stateName, Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (e is not StorageUnavailableException && StorageOutages.Classify(e) is { } outage)
        {
            LogOutage(logger, e, stateName);
            throw outage;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain state {StateName} could not be read or written: the database is unavailable")]
    private static partial void LogOutage(ILogger logger, Exception exception, string stateName);
}
