using Lector.Abstractions;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Podcasts;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Podcasts;

public sealed class DocumentPodcastFeedsState
{
    /// <summary>At most <see cref="PodcastOptions.MaxFeedsPerDocument"/>.</summary>
    public List<PodcastFeedEntry> Feeds { get; set; } = [];
}

/// <summary>A feed as its document's list keeps it: enough to find it, and to know which voices still have feeds.</summary>
public sealed class PodcastFeedEntry
{
    public string FeedId { get; set; } = "";

    public string Voice { get; set; } = "";
}

/// <summary>
/// Which podcast feeds a document has, so they can be listed, bounded and removed with it. A feed is listed before its
/// first write, so the list never misses one; an entry whose feed was never written lists nothing.
/// </summary>
public sealed class DocumentPodcastFeedsGrain(
    [PersistentState("documentPodcastFeeds")] IPersistentState<DocumentPodcastFeedsState> state,
    IOptions<PodcastOptions> options) : Grain, IDocumentPodcastFeedsGrain, IDocumentPodcastFeedsMaintenanceGrain
{
    private List<PodcastFeedEntry> Feeds => state.State.Feeds;

    private string DocumentId => this.GetPrimaryKeyString();

    public async Task<IReadOnlyList<PodcastFeedView>> List(string callerId)
    {
        var permission = await GrainFactory.Grain<IDocumentGrain>(DocumentId).Authorize(callerId, Permission.View);
        var views = await Task.WhenAll(Feeds.Select(f => Feed(f.FeedId).Peek()));
        return [.. views.OfType<PodcastFeedView>()
            .Where(v => permission == Permission.Owner || v.CreatedBy == callerId)
            .OrderByDescending(v => v.CreatedAt)];
    }

    public async Task<bool> Track(string feedId, string voice)
    {
        if (Feeds.Count >= options.Value.MaxFeedsPerDocument)
        {
            return false;
        }

        Feeds.Add(new PodcastFeedEntry { FeedId = feedId, Voice = voice });
        await state.WriteStateAsync();
        return true;
    }

    public async Task Forget(string feedId)
    {
        if (Feeds.Find(f => f.FeedId == feedId) is not { } entry)
        {
            return;
        }

        Feeds.Remove(entry);
        await state.WriteStateAsync();
        if (!Feeds.Any(f => f.Voice == entry.Voice))
        {
            await Episodes(entry.Voice).Purge();
        }
    }

    public async Task Purge()
    {
        await Task.WhenAll(Feeds.Select(f => Feed(f.FeedId).Purge()));
        await Task.WhenAll(Feeds.Select(f => f.Voice).Distinct().Select(voice => Episodes(voice).Purge()));
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    private IPodcastFeedMaintenanceGrain Feed(string feedId) => GrainFactory.Grain<IPodcastFeedMaintenanceGrain>(feedId);

    private IPodcastEpisodesGrain Episodes(string voice) => GrainFactory.Grain<IPodcastEpisodesGrain>(new PodcastKey(DocumentId, voice).GrainKey);
}
