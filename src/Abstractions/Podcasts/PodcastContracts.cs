namespace Lector.Abstractions.Podcasts;

/// <summary>A private podcast feed as its document's listing shows it: never its secret, which only its creator saw, once.</summary>
[GenerateSerializer, Immutable, Alias("Lector.PodcastFeedView")]
public sealed record PodcastFeedView(
    [property: Id(0)] string Id,
    [property: Id(1)] string DocumentId,
    [property: Id(2)] string Voice,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>A feed as created: <see cref="Secret"/> goes into its URL, is returned this once, and is stored only as a hash.</summary>
[GenerateSerializer, Alias("Lector.CreatedPodcastFeed")]
public sealed record CreatedPodcastFeed([property: Id(0)] PodcastFeedView Feed, [property: Id(1)] string Secret);

/// <summary>
/// One episode of a document's podcast in one voice: a chapter (or a page, when the document has none), whose audio is
/// its pages' audio joined. <see cref="ContentId"/> names this rendering of it (it changes when its pages' audio does,
/// so a podcast app sees a new enclosure); <see cref="Guid"/> names the episode itself and never changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("Lector.PodcastEpisode")]
public sealed record PodcastEpisode(
    [property: Id(0)] int Number,
    [property: Id(1)] string Title,
    [property: Id(2)] int FirstPage,
    [property: Id(3)] int LastPage,
    [property: Id(4)] string Guid,
    [property: Id(5)] string ContentId,
    [property: Id(6)] long SizeBytes,
    [property: Id(7)] long DurationMs,
    [property: Id(8)] DateTimeOffset BuiltAt);

/// <summary>
/// What a feed reads: the document's title, language and owner's name, and the episodes whose audio is ready, in order.
/// <see cref="EpisodeCount"/> is how many the document has in all (more are on their way while it exceeds the list).
/// </summary>
[GenerateSerializer, Immutable, Alias("Lector.PodcastChannel")]
public sealed record PodcastChannel(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] string Voice,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Language,
    [property: Id(4)] string Author,
    [property: Id(5)] IReadOnlyList<PodcastEpisode> Episodes,
    [property: Id(6)] int EpisodeCount,
    [property: Id(7)] DateTimeOffset UpdatedAt);

/// <summary>The episodes of a document in one voice that are ready, as their grain keeps them.</summary>
[GenerateSerializer, Immutable, Alias("Lector.PodcastEpisodes")]
public sealed record PodcastEpisodes(
    [property: Id(0)] IReadOnlyList<PodcastEpisode> Ready,
    [property: Id(1)] int EpisodeCount);

/// <summary>An episode's audio as a build stored it, handed back to the episodes grain to commit.</summary>
[GenerateSerializer, Immutable, Alias("Lector.BuiltPodcastEpisode")]
public sealed record BuiltPodcastEpisode(
    [property: Id(0)] int Number,
    [property: Id(1)] string Title,
    [property: Id(2)] int FirstPage,
    [property: Id(3)] int LastPage,
    [property: Id(4)] string Guid,
    [property: Id(5)] string SourceHash,
    [property: Id(6)] string BlobKey,
    [property: Id(7)] long SizeBytes,
    [property: Id(8)] long DurationMs);

/// <summary>
/// The identity of a document's podcast in one voice, shared by every feed of that document and voice: its episodes
/// are built once. Document ids hold no slash, so the first one separates the voice, which may.
/// </summary>
public readonly record struct PodcastKey(string DocumentId, string Voice)
{
    public string GrainKey => $"{DocumentId}/{Voice}";

    public static PodcastKey FromGrainKey(string key)
    {
        var separator = key.IndexOf('/', StringComparison.Ordinal);
        return new PodcastKey(key[..separator], key[(separator + 1)..]);
    }
}
