using Orleans.Concurrency;

namespace Lector.Abstractions.Podcasts;

/// <summary>The same feed grain, as the document's feed list reaches it: no access checks.</summary>
[Alias("Lector.IPodcastFeedMaintenanceGrain")]
public interface IPodcastFeedMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>The feed (null when there is none), for listings.</summary>
    [Alias("Peek"), AlwaysInterleave]
    Task<PodcastFeedView?> Peek();

    /// <summary>The document is going: the feed goes too.</summary>
    [Alias("Purge")]
    Task Purge();
}
