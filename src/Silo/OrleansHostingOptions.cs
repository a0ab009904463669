namespace Lector.Silo;

/// <summary>Bound from <c>Orleans</c>: cluster identity, membership and ports.</summary>
public sealed class OrleansHostingOptions
{
    public const string Section = "Orleans";

    /// <summary><c>localhost</c> (embedded, one silo) or <c>postgres</c>.</summary>
    public string Clustering { get; set; } = "localhost";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ServiceId { get; set; } = "lector";

    public string ClusterId { get; set; } = "lector";
}
