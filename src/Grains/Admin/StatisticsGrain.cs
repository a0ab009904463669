using System.Globalization;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Audio;

namespace Lector.Grains.Admin;

public sealed class StatisticsState
{
    public long Documents { get; set; }

    public long Pages { get; set; }

    /// <summary>Status name (camelCase) -> audios currently in it.</summary>
    public Dictionary<string, long> AudioByStatus { get; set; } = [];

    /// <summary>Engine -> UTC day -> characters.</summary>
    public Dictionary<string, Dictionary<string, long>> CharactersByEngineByDay { get; set; } = [];

    /// <summary>UTC day -> failures.</summary>
    public Dictionary<string, long> FailuresByDay { get; set; } = [];
}

/// <summary>
/// Events arrive often (every audio status change), so state is saved on a short timer rather than per
/// event: a crash loses at most the last few seconds of counts, which statistics can afford.
/// </summary>
public sealed class StatisticsGrain([PersistentState("statistics")] IPersistentState<StatisticsState> state) : Grain, IStatisticsGrain
{
    private const int DaysKept = 90;
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);
    private bool _dirty;

    private StatisticsState Stats => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(SaveEvery, SaveEvery) { Interleave = false });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => SaveAsync(cancellationToken);

    public Task DocumentsChanged(int documents, int pages)
    {
        Stats.Documents = Math.Max(0, Stats.Documents + documents);
        Stats.Pages = Math.Max(0, Stats.Pages + pages);
        return Changed();
    }

    public Task AudioStatusChanged(AudioStatus? from, AudioStatus? to)
    {
        if (from is { } before)
        {
            var name = Name(before);
            Stats.AudioByStatus[name] = Math.Max(0, Stats.AudioByStatus.GetValueOrDefault(name) - 1);
        }

        if (to is { } after)
        {
            var name = Name(after);
            Stats.AudioByStatus[name] = Stats.AudioByStatus.GetValueOrDefault(name) + 1;
        }

        return Changed();
    }

    public Task CharactersSynthesized(string engine, long characters, DateTimeOffset at)
    {
        if (!Stats.CharactersByEngineByDay.TryGetValue(engine, out var days))
        {
            Stats.CharactersByEngineByDay[engine] = days = [];
        }

        Add(days, at, characters);
        return Changed();
    }

    public Task Failed(DateTimeOffset at)
    {
        Add(Stats.FailuresByDay, at, 1);
        return Changed();
    }

    public Task<AdminStatistics> Get() => Task.FromResult(new AdminStatistics(
        Stats.Documents,
        Stats.Pages,
        new Dictionary<string, long>(Stats.AudioByStatus),
        Stats.CharactersByEngineByDay.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, long>)new SortedDictionary<string, long>(e.Value, StringComparer.Ordinal)),
        new SortedDictionary<string, long>(Stats.FailuresByDay, StringComparer.Ordinal)));

    private static string Name(AudioStatus status) => status.ToString().ToLowerInvariant();

    private static void Add(Dictionary<string, long> days, DateTimeOffset at, long amount)
    {
        var day = at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        days[day] = days.GetValueOrDefault(day) + amount;

        // ISO dates sort as text; keep a bounded window.
        foreach (var old in days.Keys.Order(StringComparer.Ordinal).SkipLast(DaysKept).ToList())
        {
            days.Remove(old);
        }
    }

    private Task Changed()
    {
        _dirty = true;
        return Task.CompletedTask;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync(cancellationToken);
        }
    }
}
