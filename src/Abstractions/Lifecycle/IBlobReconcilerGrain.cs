namespace Lector.Abstractions.Lifecycle;

/// <summary>
/// Brings blobs and grain state back in line (key 0): deletes blobs nothing points to once they are older than a
/// grace period, and turns audio whose blob is gone into failed, retryable audio.
/// </summary>
[Alias("Lector.IBlobReconcilerGrain")]
public interface IBlobReconcilerGrain : IGrainWithIntegerKey
{
    /// <summary>One pass; unless <paramref name="force"/>, skipped (null) when another silo ran one less than half an interval ago.</summary>
    [Alias("Reconcile")]
    Task<ReconcileReport?> Reconcile(bool force);
}

[GenerateSerializer, Alias("Lector.ReconcileReport")]
public sealed record ReconcileReport(
    [property: Id(0)] int OrphansDeleted,
    [property: Id(1)] int OrphansWaiting,
    [property: Id(2)] int MissingBlobsMarked);
