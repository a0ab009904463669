namespace Lector.Abstractions;

/// <summary>
/// Grain references made without Orleans' per-call work: <c>GetGrain</c> finds the interface's grain type by reading
/// its attributes and formatting its name on every call, which a request that makes a few grain calls pays each time.
/// Here the first reference of an interface is made by Orleans, its types are kept, and every later one is made
/// straight from the id: the same reference, for a dictionary lookup.
/// </summary>
public static class GrainReferences
{
    public static T Grain<T>(this IGrainFactory factory, string key)
        where T : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return Resolved<T>.Types is { } types
            ? (T)factory.GetGrain(GrainId.Create(types.Grain, key), types.Interface)
            : Keep(factory.GetGrain<T>(key));
    }

    public static T Grain<T>(this IGrainFactory factory, long key)
        where T : IGrainWithIntegerKey =>
        Resolved<T>.Types is { } types
            ? (T)factory.GetGrain(GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), types.Interface)
            : Keep(factory.GetGrain<T>(key));

    private static T Keep<T>(T grain)
    {
        var reference = (GrainReference)(object)grain!;
        Resolved<T>.Types = (reference.GrainId.Type, reference.InterfaceType);
        return grain;
    }

    /// <summary>One interface's types; the same for every cluster in the process, since they come from its assemblies.</summary>
    private static class Resolved<T>
    {
        public static (GrainType Grain, GrainInterfaceType Interface)? Types;
    }
}
