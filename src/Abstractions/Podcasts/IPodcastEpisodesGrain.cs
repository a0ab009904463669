using Lector.Abstractions.Audio;
using Orleans.Concurrency;

namespace Lector.Abstractions.Podcasts;

/// <summary>
/// The episodes of one document's podcast in one voice, keyed by <see cref="PodcastKey.GrainKey"/>, shared by the
/// document's feeds in that voice; reached only by grains that already checked access. Answers with the episodes it
/// has and, off the call, brings them up to date: the pages' audio that is missing is asked for (the document's audio
/// job, at the engine's pace), and each episode whose pages all have current audio is built (its pages' MP3 joined)
/// into the blob store, in order, so a feed grows episode by episode and an edited page makes a new enclosure.
/// </summary>
[Alias("Lector.IPodcastEpisodesGrain")]
public interface IPodcastEpisodesGrain : IGrainWithStringKey
{
    /// <summary>The ready episodes; starts bringing them up to date under <paramref name="requestedBy"/>'s permission, without waiting for it.</summary>
    [Alias("Current")]
    Task<PodcastEpisodes> Current(string requestedBy);

    /// <summary>Where the rendering <paramref name="contentId"/> of an episode is; null when it is not (or no longer) the episode's.</summary>
    [Alias("OpenContent"), AlwaysInterleave]
    Task<AudioContent?> OpenContent(string contentId);

    /// <summary>The refresh <paramref name="refresh"/> stored an episode's audio.</summary>
    [Alias("EpisodeBuilt")]
    Task EpisodeBuilt(int refresh, BuiltPodcastEpisode episode);

    /// <summary>
    /// The refresh <paramref name="refresh"/> ended: the document has <paramref name="episodeCount"/> episodes; while
    /// <paramref name="waitingForAudio"/>, pages are being synthesized and another refresh follows by itself.
    /// </summary>
    [Alias("RefreshEnded")]
    Task RefreshEnded(int refresh, int episodeCount, bool waitingForAudio);

    /// <summary>No feed reads these episodes any more (the document is going, or its last feed in this voice was revoked): they and their audio go.</summary>
    [Alias("Purge")]
    Task Purge();
}
