namespace Lector.Abstractions.Admin;

/// <summary>
/// Keeps the audit log's newest entry anchored outside the database (in the blob store), so that deleting the newest
/// entries is found by verification although the chain left behind is whole. One activation in the cluster.
/// </summary>
[Alias("Lector.IAuditAnchorGrain")]
public interface IAuditAnchorGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// An entry was appended. Returns once it (or a newer one) is anchored, or when it cannot be: the blob store is
    /// unavailable (the next append tries again), or the log no longer holds the anchored entry (the anchor stays).
    /// </summary>
    [Alias("Advance")]
    Task Advance(AuditHead head);
}
