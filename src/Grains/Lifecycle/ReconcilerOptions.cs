namespace Lector.Grains.Lifecycle;

/// <summary>The <c>App:Reconciler</c> section.</summary>
public sealed class ReconcilerOptions
{
    public const string Section = "App:Reconciler";

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>An unreferenced blob younger than this may belong to work in flight (a synthesis or upload not yet committed).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(24);
}
