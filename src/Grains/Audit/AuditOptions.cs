namespace Lector.Grains.Audit;

/// <summary>Bound from <c>Audit</c>: how refused requests are folded so they cannot flood the log. Validated at start.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// One client's refusals of one action and target within this long of the first become two entries: the first,
    /// and one that counts the rest when the window closes.
    /// </summary>
    public TimeSpan RefusalWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Refusal entries the whole cluster writes per window; past it, every client's refusals fold into the one overflow
    /// window (address <c>*</c>), so many addresses cannot flood the log either.
    /// </summary>
    public int RefusalBudget { get; set; } = 1000;

    public bool IsValid() => RefusalWindow >= TimeSpan.FromSeconds(1) && RefusalWindow <= TimeSpan.FromDays(1) && RefusalBudget >= 1;
}
