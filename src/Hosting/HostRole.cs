namespace Lector.Hosting;

/// <summary>What one process runs, from <c>App:Role</c>.</summary>
public enum HostRole
{
    /// <summary>A silo that also serves the web front (the default of <c>Lector.Silo</c>).</summary>
    All,

    /// <summary>A silo only; it still serves the health endpoints.</summary>
    Silo,

    /// <summary>The web front only, as an Orleans client of the silos: the program <c>Lector.Front</c>.</summary>
    Front,
}

/// <summary>Bound from <c>App</c>, beside the grains' own settings there.</summary>
public sealed class HostRoleOptions
{
    public const string Section = "App";

    /// <summary>Unset: the program's own default (see <see cref="HostRole"/>).</summary>
    public HostRole? Role { get; set; }
}
