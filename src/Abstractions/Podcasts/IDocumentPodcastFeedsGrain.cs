namespace Lector.Abstractions.Podcasts;

/// <summary>The podcast feeds of one document, keyed by document id: a short list of feed ids, bounded per document.</summary>
[Alias("Lector.IDocumentPodcastFeedsGrain")]
public interface IDocumentPodcastFeedsGrain : IGrainWithStringKey
{
    /// <summary>The document's owner sees every feed of it; anyone else who may view it, the feeds they made. Newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<PodcastFeedView>> List(string callerId);
}
