namespace Lector.Grains.Speech;

/// <summary>How many silos share cluster-wide quotas right now.</summary>
public interface IActiveSilos
{
    int Count { get; }
}

/// <summary>Counts active silos in this silo's membership view: local, current within seconds, no grain call.</summary>
public sealed class MembershipActiveSilos(IClusterMembershipService membership) : IActiveSilos
{
    public int Count => membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
}

/// <summary>A fixed count, for a process that is the only consumer of a quota.</summary>
public sealed class FixedActiveSilos(int count) : IActiveSilos
{
    public static FixedActiveSilos One { get; } = new(1);

    public int Count => count;
}
