namespace Lector.Grains.Lifecycle;

/// <summary>The <c>App:Reconciler</c> section.</summary>
public sealed class ReconcilerOptions
{
    public const string Section = "App:Reconciler";

    /// <summary>How often a pass runs; a full cycle over N blobs takes N / <see cref="BatchSize"/> passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most blobs, and the most completed audio records, one pass examines: its cost, whatever the total.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>An unreferenced blob younger than this may belong to work in flight (a synthesis or upload not yet committed).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(24);
}
