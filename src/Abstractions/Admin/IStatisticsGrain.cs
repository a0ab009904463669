using Lector.Abstractions.Audio;
using Orleans.Concurrency;

namespace Lector.Abstractions.Admin;

/// <summary>Running totals (key 0) fed by small one-way events from the grains where things happen, so reading them never scans.</summary>
[Alias("Lector.IStatisticsGrain")]
public interface IStatisticsGrain : IGrainWithIntegerKey
{
    /// <summary>A document reached ready with this many pages, or was deleted (negative counts).</summary>
    [Alias("DocumentsChanged"), OneWay]
    Task DocumentsChanged(int documents, int pages);

    /// <summary>An audio moved between statuses; null means it did not exist / no longer exists.</summary>
    [Alias("AudioStatusChanged"), OneWay]
    Task AudioStatusChanged(AudioStatus? from, AudioStatus? to);

    [Alias("CharactersSynthesized"), OneWay]
    Task CharactersSynthesized(string engine, long characters, DateTimeOffset at);

    [Alias("Failed"), OneWay]
    Task Failed(DateTimeOffset at);

    [Alias("Get"), ReadOnly]
    Task<AdminStatistics> Get();
}
