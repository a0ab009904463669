using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Lifecycle;
using Lector.Grains.Blobs;
using Lector.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Lifecycle;

public sealed class BlobReconcilerState
{
    public DateTimeOffset? LastRun { get; set; }

    /// <summary>Unreferenced blobs by key, with when a pass first saw them unreferenced.</summary>
    public Dictionary<string, DateTimeOffset> Unreferenced { get; set; } = [];
}

/// <summary>
/// A blob is an orphan when no state points to it. It is deleted only once it has been unreferenced for the
/// grace period by this grain's own clock and is that old by the store's clock: the first guards work in flight
/// even when the store's clock runs differently, the second blobs written just before they were first seen.
/// </summary>
public sealed partial class BlobReconcilerGrain(
    [PersistentState("blobReconciler")] IPersistentState<BlobReconcilerState> state,
    IBlobStore blobs,
    IAudioRecords audioRecords,
    IOptions<ReconcilerOptions> options,
    TimeProvider time,
    ILogger<BlobReconcilerGrain> logger) : Grain, IBlobReconcilerGrain
{
    private static readonly string[] Prefixes = ["audio/", "originals/", "uploads/"];

    private const int ListBatch = 500;

    public async Task<ReconcileReport?> Reconcile(bool force)
    {
        var now = time.GetUtcNow();
        if (!force && state.State.LastRun is { } last && now - last < options.Value.Interval / 2)
        {
            return null;
        }

        var missing = await MarkMissingAsync();
        var grace = options.Value.GracePeriod;
        var unreferenced = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var prefix in Prefixes)
        {
            await foreach (var batch in blobs.ListAsync(prefix).Chunk(ListBatch))
            {
                var referenced = prefix == "audio/" ? await audioRecords.ReferencedAsync([.. batch.Select(b => b.Key)]) : null;
                foreach (var blob in batch)
                {
                    if (referenced?.Contains(blob.Key) == true || await IsOriginalOfDocumentAsync(blob.Key))
                    {
                        continue;
                    }

                    var firstSeen = state.State.Unreferenced.GetValueOrDefault(blob.Key, now);
                    if (now - firstSeen >= grace && now - blob.LastModified >= grace)
                    {
                        await blobs.DeleteAsync(blob.Key);
                        deleted++;
                    }
                    else
                    {
                        unreferenced[blob.Key] = firstSeen;
                    }
                }
            }
        }

        state.State.Unreferenced = unreferenced;
        state.State.LastRun = now;
        await state.WriteStateAsync();
        LogReconciled(logger, deleted, unreferenced.Count, missing);
        return new ReconcileReport(deleted, unreferenced.Count, missing);
    }

    /// <summary>
    /// Completed audio whose blob is gone: the audio records say which blob each completed audio needs, and only an
    /// audio whose blob the store does not have is visited (it checks again and turns failed, so a retry remakes it).
    /// </summary>
    private async Task<int> MarkMissingAsync()
    {
        var missing = 0;
        string? after = null;
        while (true)
        {
            var completed = await audioRecords.CompletedAsync(after, ListBatch);
            foreach (var (grainKey, blobKey) in completed)
            {
                if (!await blobs.ExistsAsync(blobKey) && await GrainFactory.GetGrain<IPageVoiceMaintenanceGrain>(grainKey).CheckBlobs())
                {
                    missing++;
                }
            }

            if (completed.Count < ListBatch)
            {
                return missing;
            }

            after = completed[^1].GrainKey;
        }
    }

    /// <summary>Originals are <c>originals/{document}</c>; staged uploads are referenced only while their document is being created, well within the grace period.</summary>
    private async Task<bool> IsOriginalOfDocumentAsync(string key)
    {
        var parts = key.Split('/');
        return parts is ["originals", var documentId]
            && (await GrainFactory.GetGrain<IDocumentGrain>(documentId).Describe())?.OriginalBlobKey == key;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled blobs: {Deleted} orphans deleted, {Waiting} within the grace period, {Missing} audio with a missing blob marked failed")]
    private static partial void LogReconciled(ILogger logger, int deleted, int waiting, int missing);
}
