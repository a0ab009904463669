using Lector.Abstractions.Audio;

namespace Lector.Abstractions.Podcasts;

/// <summary>
/// One private podcast feed, keyed by its id: a document in one voice, for whoever holds its secret URL. Made by a
/// collaborator (or more) of the document; it reads only while its creator may still collaborate, and until revoked.
/// </summary>
[Alias("Lector.IPodcastFeedGrain")]
public interface IPodcastFeedGrain : IGrainWithStringKey
{
    /// <summary>Creates the feed (collaborators and up: its episodes are synthesized on demand); the secret is in the answer only.</summary>
    [Alias("Create")]
    Task<CreatedPodcastFeed> Create(string callerId, string documentId, string voice);

    /// <summary>Revokes the feed of <paramref name="documentId"/>: its creator or the document's owner; others learn nothing (not found).</summary>
    [Alias("Revoke")]
    Task Revoke(string callerId, string documentId);

    /// <summary>What the feed reads, for the holder of its secret; null (not found) for a wrong secret, a revoked feed, or a creator who lost access.</summary>
    [Alias("Read")]
    Task<PodcastChannel?> Read(string secret);

    /// <summary>Where an episode's audio is, for the holder of the secret; null when the secret, the feed or that rendering of the episode is not (or no longer) there.</summary>
    [Alias("OpenEpisode")]
    Task<AudioContent?> OpenEpisode(string secret, string contentId);
}
