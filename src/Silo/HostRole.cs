namespace Lector.Silo;

/// <summary>What one process runs, from <c>App:Role</c>.</summary>
public enum HostRole
{
    /// <summary>A silo that also serves the web front (the default).</summary>
    All,

    /// <summary>A silo only; it still serves the health endpoints.</summary>
    Silo,

    /// <summary>The web front only, as an Orleans client of the silos.</summary>
    Front,
}

/// <summary>Bound from <c>App</c>, beside the grains' own settings there.</summary>
public sealed class HostRoleOptions
{
    public HostRole Role { get; set; } = HostRole.All;
}
