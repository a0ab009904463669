using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Lifecycle;
using Lector.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Lifecycle;

public sealed class BlobReconcilerState
{
    public DateTimeOffset? LastRun { get; set; }

    /// <summary>The last blob key a pass examined; null: at the first blob.</summary>
    public string? BlobCursor { get; set; }

    /// <summary>The last completed audio (grain key) whose blob a pass checked; null: at the first.</summary>
    public string? AudioCursor { get; set; }

    /// <summary>This cycle has examined every blob; it waits for the audio to be done too.</summary>
    public bool BlobsDone { get; set; }

    /// <summary>This cycle has checked every completed audio; it waits for the blobs to be done too.</summary>
    public bool AudioDone { get; set; }

    /// <summary>Unreferenced blobs by key, with when a pass first saw them unreferenced.</summary>
    public Dictionary<string, DateTimeOffset> Unreferenced { get; set; } = [];
}

/// <summary>
/// A blob is an orphan when no state points to it. It is deleted only once it has been unreferenced for the
/// grace period by this grain's own clock and is that old by the store's clock: the first guards work in flight
/// even when the store's clock runs differently, the second blobs written just before they were first seen.
/// A pass examines at most <see cref="ReconcilerOptions.BatchSize"/> blobs and as many completed audio, from where
/// the last pass stopped, so its cost stays the same however much is stored; an orphan goes within the grace period
/// plus one cycle. A cycle ends when both the blobs and the audio are done, and the next starts both at the first,
/// so every cycle's passes do the same work at the same place.
/// </summary>
public sealed partial class BlobReconcilerGrain(
    [PersistentState("blobReconciler")] IPersistentState<BlobReconcilerState> state,
    IBlobStore blobs,
    IAudioRecords audioRecords,
    IDocumentRecords documentRecords,
    IOptions<ReconcilerOptions> options,
    TimeProvider time,
    ILogger<BlobReconcilerGrain> logger) : Grain, IBlobReconcilerGrain
{
    /// <summary>In ordinal order, as blobs are listed, so one cursor walks them all; other prefixes (previews/) are not ours to judge.</summary>
    private static readonly string[] Prefixes = ["audio/", "originals/", "uploads/"];

    /// <summary>Existence checks in flight at once: a remote store answers each in a round trip.</summary>
    private const int ChecksAtOnce = 16;

    public async Task<ReconcileReport?> Reconcile(bool force)
    {
        var now = time.GetUtcNow();
        if (!force && state.State.LastRun is { } last && now - last < options.Value.Interval / 2)
        {
            return null;
        }

        var (missing, audioChecked) = state.State.AudioDone ? (0, 0) : await MarkMissingAsync();
        var (deleted, examined) = state.State.BlobsDone ? (0, 0) : await SweepBlobsAsync(now);
        var cycleEnded = state.State.BlobsDone && state.State.AudioDone;
        if (cycleEnded)
        {
            state.State.BlobsDone = state.State.AudioDone = false;
        }

        state.State.LastRun = now;
        await state.WriteStateAsync();
        var waiting = state.State.Unreferenced.Count;
        LogReconciled(logger, examined, deleted, waiting, audioChecked, missing);
        return new ReconcileReport(deleted, waiting, missing, examined, audioChecked, cycleEnded);
    }

    /// <summary>The next batch of blobs: deletes those unreferenced past the grace period, notes the others; returns how many were deleted and examined.</summary>
    private async Task<(int Deleted, int Examined)> SweepBlobsAsync(DateTimeOffset now)
    {
        var from = state.State.BlobCursor;
        var examined = await NextBlobsAsync(from);
        state.State.BlobsDone = examined.Count < options.Value.BatchSize;
        var to = state.State.BlobsDone ? null : examined[^1].Key;

        // What this pass examined is judged afresh: entries in its range that it no longer finds unreferenced go.
        var unreferenced = state.State.Unreferenced
            .Where(e => !InRange(e.Key, from, to))
            .ToDictionary(StringComparer.Ordinal);
        var referenced = await ReferencedAsync(examined);
        var grace = options.Value.GracePeriod;
        var deleted = 0;
        foreach (var blob in examined.Where(b => !referenced.Contains(b.Key)))
        {
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

        state.State.Unreferenced = unreferenced;
        state.State.BlobCursor = to;
        return (deleted, examined.Count);
    }

    /// <summary>The next batch of blobs after <paramref name="from"/>, in key order across the prefixes.</summary>
    private async Task<List<BlobInfo>> NextBlobsAsync(string? from)
    {
        var batch = new List<BlobInfo>(options.Value.BatchSize);
        foreach (var prefix in Prefixes)
        {
            await foreach (var blob in blobs.ListAsync(prefix, from))
            {
                batch.Add(blob);
                if (batch.Count == options.Value.BatchSize)
                {
                    return batch;
                }
            }
        }

        return batch;
    }

    /// <summary>Audio blobs an audio record points to, and originals a document names; staged uploads are referenced only while their document is being created, well within the grace period.</summary>
    private async Task<IReadOnlySet<string>> ReferencedAsync(List<BlobInfo> examined)
    {
        var keys = examined.Select(b => b.Key).ToList();
        var audio = await audioRecords.ReferencedAsync([.. keys.Where(k => k.StartsWith(Prefixes[0], StringComparison.Ordinal))]);
        var originals = await documentRecords.OriginalsInUseAsync(keys);
        return audio.Union(originals).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="key"/> lies after <paramref name="from"/> and up to <paramref name="to"/> (null: no bound).</summary>
    private static bool InRange(string key, string? from, string? to) =>
        (from is null || string.CompareOrdinal(key, from) > 0) && (to is null || string.CompareOrdinal(key, to) <= 0);

    /// <summary>
    /// Completed audio whose blob is gone: the audio records say which blob each completed audio needs, and only an
    /// audio whose blob the store does not have is visited (it checks again and turns failed, so a retry remakes it).
    /// </summary>
    private async Task<(int Missing, int Checked)> MarkMissingAsync()
    {
        var completed = await audioRecords.CompletedAsync(state.State.AudioCursor, options.Value.BatchSize);
        var missing = 0;
        foreach (var batch in completed.Chunk(ChecksAtOnce))
        {
            var found = await Task.WhenAll(batch.Select(record => blobs.ExistsAsync(record.BlobKey)));
            for (var i = 0; i < batch.Length; i++)
            {
                if (!found[i] && await GrainFactory.Grain<IPageVoiceMaintenanceGrain>(batch[i].GrainKey).CheckBlobs())
                {
                    missing++;
                }
            }
        }

        state.State.AudioDone = completed.Count < options.Value.BatchSize;
        state.State.AudioCursor = state.State.AudioDone ? null : completed[^1].GrainKey;
        return (missing, completed.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Examined} blobs: {Deleted} orphans deleted, {Waiting} within the grace period; checked {Checked} audio, {Missing} with a missing blob marked failed")]
    private static partial void LogReconciled(ILogger logger, int examined, int deleted, int waiting, int @checked, int missing);
}
