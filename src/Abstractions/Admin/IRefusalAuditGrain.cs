using Orleans.Concurrency;

namespace Lector.Abstractions.Admin;

/// <summary>
/// Records one client's refused requests in the audit log without letting them flood it: the first refusal of an
/// action and target opens a window and is recorded at once; the rest of the window is counted and recorded as one
/// entry when it closes (<see cref="AuditRecord.RefusedAgain"/>). Keyed by the client (an IPv4 address, an IPv6 /64);
/// <see cref="Overflow"/> takes what clients bring past the cluster-wide budget of refusal entries per window.
/// </summary>
[Alias("Lector.IRefusalAuditGrain")]
public interface IRefusalAuditGrain : IGrainWithStringKey
{
    /// <summary>The key of the activation that folds refusals from every client once the budget is spent.</summary>
    public const string Overflow = "*";

    /// <summary><paramref name="count"/> refusals like <paramref name="record"/>; one-way, so the refusal answers without waiting.</summary>
    [OneWay, Alias("Refused")]
    Task Refused(AuditRecord record, long count);
}
