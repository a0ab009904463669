namespace Lector.Abstractions.Lifecycle;

/// <summary>
/// Brings blobs and grain state back in line (key 0): deletes blobs nothing points to once they are older than a
/// grace period, and turns audio whose blob is gone into failed, retryable audio. Each pass examines the next batch
/// of blobs and of completed audio, so its cost does not grow with the data; passes in a row make a cycle over all.
/// </summary>
[Alias("Lector.IBlobReconcilerGrain")]
public interface IBlobReconcilerGrain : IGrainWithIntegerKey
{
    /// <summary>One pass; unless <paramref name="force"/>, skipped (null) when another silo ran one less than half an interval ago.</summary>
    [Alias("Reconcile")]
    Task<ReconcileReport?> Reconcile(bool force);
}

/// <param name="BlobsExamined">Blobs this pass listed (at most the batch size).</param>
/// <param name="AudioChecked">Completed audio whose blob this pass checked (at most the batch size).</param>
/// <param name="CycleEnded">Every blob and every completed audio has been examined since the cycle began: the next pass starts again at the first.</param>
[GenerateSerializer, Alias("Lector.ReconcileReport")]
public sealed record ReconcileReport(
    [property: Id(0)] int OrphansDeleted,
    [property: Id(1)] int OrphansWaiting,
    [property: Id(2)] int MissingBlobsMarked,
    [property: Id(3)] int BlobsExamined,
    [property: Id(4)] int AudioChecked,
    [property: Id(5)] bool CycleEnded);
