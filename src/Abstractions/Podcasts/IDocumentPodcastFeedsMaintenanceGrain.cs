namespace Lector.Abstractions.Podcasts;

/// <summary>The same list, as the feed grains and the document keep it: no access checks.</summary>
[Alias("Lector.IDocumentPodcastFeedsMaintenanceGrain")]
public interface IDocumentPodcastFeedsMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>Lists the feed before its first write; false when the document already has as many as allowed.</summary>
    [Alias("Track")]
    Task<bool> Track(string feedId, string voice);

    /// <summary>Drops a revoked feed; when no feed of the document reads its voice any more, that voice's episodes go too.</summary>
    [Alias("Forget")]
    Task Forget(string feedId);

    /// <summary>The document is going: every feed and every episode goes too.</summary>
    [Alias("Purge")]
    Task Purge();
}
