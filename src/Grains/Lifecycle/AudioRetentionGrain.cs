using Lector.Abstractions.Audio;
using Lector.Abstractions.Lifecycle;

namespace Lector.Grains.Lifecycle;

public sealed class AudioRetentionState
{
    /// <summary>By audio grain key.</summary>
    public Dictionary<string, AudioRetention> Audio { get; set; } = [];
}

/// <summary>
/// Expiry is driven by this sharded index plus a periodic sweep (see LifecycleTimers in the silo), not by one
/// reminder per audio: embedded mode's reminders are in memory and vanish at a restart, while this state is
/// durable in both modes. Clock starts recorded here may be older than the audio's own (a play moves it without
/// telling the index): an early visit only makes the audio report its real clock, so no play is ever missed.
/// </summary>
public sealed class AudioRetentionGrain(
    [PersistentState("audioRetention")] IPersistentState<AudioRetentionState> state,
    IAudioLifecycleSettings settings,
    TimeProvider time) : Grain, IAudioRetentionGrain
{
    private const int VisitsAtOnce = 16;

    public async Task Track(string audioGrainKey, AudioRetention retention)
    {
        if (!state.State.Audio.TryGetValue(audioGrainKey, out var known) || known != retention)
        {
            state.State.Audio[audioGrainKey] = retention;
            await state.WriteStateAsync();
        }
    }

    public async Task<int> Sweep()
    {
        var now = time.GetUtcNow();
        var current = await settings.GetAsync();
        var due = state.State.Audio.Where(a => IsDue(a.Value, current, now)).Select(a => a.Key).ToList();
        foreach (var batch in due.Chunk(VisitsAtOnce))
        {
            var outcomes = await Task.WhenAll(batch.Select(async key => (key, retention: await GrainFactory.GetGrain<IPageVoiceGrain>(key).ApplyRetention())));
            foreach (var (key, retention) in outcomes)
            {
                if (retention is null)
                {
                    state.State.Audio.Remove(key);
                }
                else
                {
                    state.State.Audio[key] = retention;
                }
            }
        }

        if (due.Count > 0)
        {
            await state.WriteStateAsync();
        }

        return due.Count;
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Audio.Keys]);

    /// <summary>Marked-expired audio is due again only once auto-delete is switched on.</summary>
    private static bool IsDue(AudioRetention audio, AudioLifecycleSettings settings, DateTimeOffset now) =>
        audio.Expired
            ? settings.AutoDeleteExpired
            : now >= settings.ExpiresAt(audio.ClockStart) || (!audio.Warned && now >= settings.WarnAt(audio.ClockStart));
}
