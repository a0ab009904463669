using System.Collections.Concurrent;
using Lector.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;

namespace Lector.Testing;

/// <summary>What was written durably under one state name: writes, clears and the largest serialized state.</summary>
public sealed record StateWrites(string StateName, long Writes, long Clears, long LargestStateBytes)
{
    /// <summary>Writes and clears: each is one durable commit.</summary>
    public long DurableWrites => Writes + Clears;
}

/// <summary>
/// Durable writes of grain state, counted per state name by <see cref="CountingGrainStorage"/>. The largest state
/// comes from the storage's serializer, which runs inside the write and so knows its state name.
/// </summary>
public sealed class GrainWriteCounts
{
    private static readonly AsyncLocal<string?> StateBeingWritten = new();
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public IReadOnlyList<StateWrites> Snapshot() =>
        [.. _counters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new StateWrites(c.Key, c.Value.Writes, c.Value.Clears, c.Value.LargestStateBytes))];

    public long TotalDurableWrites => _counters.Values.Sum(c => c.Writes + c.Clears);

    public void Reset() => _counters.Clear();

    internal async Task CountAsync(string stateName, bool clear, Func<Task> write)
    {
        StateBeingWritten.Value = stateName;
        await write();
        var counter = _counters.GetOrAdd(stateName, _ => new Counter());
        if (clear)
        {
            Interlocked.Increment(ref counter.Clears);
        }
        else
        {
            Interlocked.Increment(ref counter.Writes);
        }
    }

    internal void RecordSerialized(long bytes)
    {
        if (StateBeingWritten.Value is not { } stateName)
        {
            return;
        }

        var counter = _counters.GetOrAdd(stateName, _ => new Counter());
        lock (counter)
        {
            counter.LargestStateBytes = Math.Max(counter.LargestStateBytes, bytes);
        }
    }

    private sealed class Counter
    {
        public long Writes;

        public long Clears;

        public long LargestStateBytes;
    }
}

/// <summary>
/// A grain storage that forwards every call to the real one and counts the writes and clears that succeed. It also
/// forwards the lifecycle, since Orleans starts the default storage through the same keyed registration.
/// </summary>
public sealed class CountingGrainStorage(IGrainStorage inner, GrainWriteCounts counts) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        counts.CountAsync(stateName, clear: false, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        counts.CountAsync(stateName, clear: true, () => inner.ClearStateAsync(stateName, grainId, grainState));

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Measures what the real serializer produces, for the write under way.</summary>
    private sealed class MeasuringSerializer(IGrainStorageSerializer serializer, GrainWriteCounts counts) : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input)
        {
            var data = serializer.Serialize(input);
            counts.RecordSerialized(data.ToMemory().Length);
            return data;
        }

        public T? Deserialize<T>(BinaryData input) => serializer.Deserialize<T>(input);
    }

    /// <summary>
    /// Wraps the host's default grain storage (the ADO.NET one <c>AddAdoNetGrainStorageAsDefault</c> registers) in
    /// place: the keyed registration is replaced by one around the original factory, so production code is unchanged.
    /// Call after the host's own registrations.
    /// </summary>
    public static void Wrap(IServiceCollection services, GrainWriteCounts counts)
    {
        DefaultGrainStorage.Decorate(services, (_, inner) => new CountingGrainStorage(inner, counts));
        services.PostConfigure<AdoNetGrainStorageOptions>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, options => options.GrainStorageSerializer = new MeasuringSerializer(options.GrainStorageSerializer, counts));
    }
}
