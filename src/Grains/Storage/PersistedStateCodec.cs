using System.Collections.Frozen;
using Orleans.Serialization;

namespace Lector.Grains.Storage;

/// <summary>
/// The Orleans codec for grain state that travels with a migrating activation (a silo that stops hands its
/// activations to the others, state included): the System.Text.Json form the state is stored in, with the same
/// options. State classes are persisted records, not contracts, so they stay plain instead of taking
/// <c>[GenerateSerializer]</c> (which lives in Abstractions only); whatever round-trips through the database
/// round-trips through a migration, and a state class that gains a property moves between old and new silos during
/// a rolling upgrade as it reads from old rows.
/// </summary>
public static class PersistedStateCodec
{
    /// <summary>Every state a grain of this assembly persists: the T of each <see cref="IPersistentState{T}"/> its constructor takes.</summary>
    internal static readonly FrozenSet<Type> StateTypes = typeof(PersistedStateCodec).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t))
        .SelectMany(t => t.GetConstructors())
        .SelectMany(c => c.GetParameters())
        .Select(p => p.ParameterType)
        .Where(p => p.IsGenericType && p.GetGenericTypeDefinition() == typeof(IPersistentState<>))
        .Select(p => p.GetGenericArguments()[0])
        .ToFrozenSet();

    /// <summary>Only the state types: anything else a silo serializes keeps its own codec.</summary>
    public static ISerializerBuilder AddPersistedStateCodec(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(StateTypes.Contains, JsonGrainStateSerializer.Options);
}
