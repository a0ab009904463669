using Lector.Abstractions.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Work;

public sealed class PendingWorkState
{
    /// <summary>Grain ids in their string form, which round-trips through <see cref="GrainId.Parse(string)"/>.</summary>
    public HashSet<string> Grains { get; set; } = [];
}

/// <summary>
/// One shard of the pending-work list. While it holds entries, a reminder asks each listed grain to resume
/// every <see cref="LectorOptions.PendingWorkSweepPeriod"/>: in cluster mode reminders are durable, so work
/// whose silo was killed is taken up by a survivor without a restart. Resuming is a no-op for a grain
/// whose work is already running, and the reminder is dropped once the shard is empty.
/// </summary>
public sealed partial class PendingWorkGrain(
    [PersistentState("pendingWork")] IPersistentState<PendingWorkState> state,
    IOptions<LectorOptions> options,
    ILogger<PendingWorkGrain> logger) : Grain, IPendingWorkGrain, IRemindable
{
    private const string SweepReminder = "resume-pending";

    private bool _sweeping;

    public async Task Add(GrainId grain)
    {
        if (state.State.Grains.Add(grain.ToString()))
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Not listed until stored: kept in memory only, the entry would make the caller's retry skip the write.
                state.State.Grains.Remove(grain.ToString());
                throw;
            }
        }

        // After the entry is durable, so a crash in between leaves at worst an entry for the next sweep or start-up scan.
        if (!_sweeping)
        {
            var period = options.Value.PendingWorkSweepPeriod;
            await this.RegisterOrUpdateReminder(SweepReminder, period, period);
            _sweeping = true;
        }
    }

    public async Task Remove(GrainId grain)
    {
        if (state.State.Grains.Remove(grain.ToString()))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<GrainId>> List() =>
        Task.FromResult<IReadOnlyList<GrainId>>([.. state.State.Grains.Select(g => GrainId.Parse(g))]);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Grains.Count == 0)
        {
            if (await this.GetReminder(SweepReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _sweeping = false;
            return;
        }

        _sweeping = true;
        var pending = state.State.Grains.Select(g => GrainId.Parse(g)).ToList();
        LogSweeping(logger, this.GetPrimaryKeyLong(), pending.Count);

        // Not awaited: a resuming grain may call back into this shard (Remove), which would deadlock this turn.
        foreach (var id in pending)
        {
            ResumeAsync(id).Ignore();
        }
    }

    private async Task ResumeAsync(GrainId id)
    {
        try
        {
            await GrainFactory.GetGrain<IResumableGrain>(id).Resume();
        }
        catch (Exception e)
        {
            // The grain's silo may be dying; the next tick tries again.
            LogResumeFailed(logger, e, id.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pending-work shard {Shard} asks {Count} grains to resume")]
    private static partial void LogSweeping(ILogger logger, long shard, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming {Grain} failed; retried on the next sweep")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception, string grain);
}
