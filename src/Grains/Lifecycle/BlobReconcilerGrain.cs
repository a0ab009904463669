using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Lifecycle;
using Lector.Grains.Blobs;
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
    AudioRetentionIndex retention,
    IOptions<ReconcilerOptions> options,
    TimeProvider time,
    ILogger<BlobReconcilerGrain> logger) : Grain, IBlobReconcilerGrain
{
    private static readonly string[] Prefixes = ["audio/", "originals/", "uploads/"];

    public async Task<ReconcileReport?> Reconcile(bool force)
    {
        var now = time.GetUtcNow();
        if (!force && state.State.LastRun is { } last && now - last < options.Value.Interval / 2)
        {
            return null;
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var missing = 0;
        foreach (var audioKey in await retention.ListAllAsync())
        {
            var check = await GrainFactory.GetGrain<IPageVoiceGrain>(audioKey).CheckBlobs();
            referenced.UnionWith(check.ReferencedBlobs);
            missing += check.MarkedMissing ? 1 : 0;
        }

        var grace = options.Value.GracePeriod;
        var checkedPages = new HashSet<string>(StringComparer.Ordinal);
        var unreferenced = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var prefix in Prefixes)
        {
            await foreach (var blob in blobs.ListAsync(prefix))
            {
                if (referenced.Contains(blob.Key) || await IsReferencedAsync(blob.Key, referenced, checkedPages))
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

        state.State.Unreferenced = unreferenced;
        state.State.LastRun = now;
        await state.WriteStateAsync();
        LogReconciled(logger, deleted, unreferenced.Count, missing);
        return new ReconcileReport(deleted, unreferenced.Count, missing);
    }

    /// <summary>
    /// Asks the owners a blob's key names, for blobs the retention index did not account for (audio not yet
    /// indexed, originals). Audio keys are <c>audio/{document}/{page}/{variant}</c>: every voice of that page is asked once.
    /// </summary>
    private async Task<bool> IsReferencedAsync(string key, HashSet<string> referenced, HashSet<string> checkedPages)
    {
        var parts = key.Split('/');
        switch (parts[0])
        {
            case "audio" when parts.Length == 4 && int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var page):
                if (checkedPages.Add($"{parts[1]}/{page}"))
                {
                    var voices = await GrainFactory.GetGrain<IPageGrain>(PageKey.For(parts[1], page)).ListVoices();
                    foreach (var voice in voices)
                    {
                        var check = await GrainFactory.GetGrain<IPageVoiceGrain>(new AudioKey(parts[1], page, voice).GrainKey).CheckBlobs();
                        referenced.UnionWith(check.ReferencedBlobs);
                    }
                }

                return referenced.Contains(key);
            case "originals" when parts.Length == 2:
                return (await GrainFactory.GetGrain<IDocumentGrain>(parts[1]).Describe())?.OriginalBlobKey == key;
            default:
                // Staged uploads are referenced only while their document is being created, well within the grace period.
                return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled blobs: {Deleted} orphans deleted, {Waiting} within the grace period, {Missing} audio with a missing blob marked failed")]
    private static partial void LogReconciled(ILogger logger, int deleted, int waiting, int missing);
}
