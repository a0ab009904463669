using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Podcasts;
using Lector.Grains.Speech;

namespace Lector.Grains.Podcasts;

public sealed class PodcastFeedState
{
    public string DocumentId { get; set; } = "";

    public string Voice { get; set; } = "";

    /// <summary>Who made the feed: its episodes are made under their permission, and it reads only while they may collaborate.</summary>
    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The hash of the secret in the feed's URL; the secret itself is never stored.</summary>
    public string SecretHash { get; set; } = "";
}

/// <summary>
/// One private podcast feed. Its URL carries its id and a secret; a read with any other secret, of a revoked feed, or of
/// a feed whose creator can no longer collaborate on the document, finds nothing. A revoked feed keeps no state.
/// </summary>
public sealed class PodcastFeedGrain(
    [PersistentState("podcastFeed")] IPersistentState<PodcastFeedState> state,
    SpeechEngines engines,
    TimeProvider time) : Grain, IPodcastFeedGrain, IPodcastFeedMaintenanceGrain
{
    /// <summary>Marks the secret as a Lector credential, so the log scrubber masks it wherever a URL is logged.</summary>
    public const string SecretPrefix = "lcf_";

    private PodcastFeedState Feed => state.State;

    private string FeedId => this.GetPrimaryKeyString();

    private IDocumentGrain Document => GrainFactory.Grain<IDocumentGrain>(Feed.DocumentId);

    private IPodcastEpisodesGrain Episodes => GrainFactory.Grain<IPodcastEpisodesGrain>(new PodcastKey(Feed.DocumentId, Feed.Voice).GrainKey);

    public async Task<CreatedPodcastFeed> Create(string callerId, string documentId, string voice)
    {
        if (state.RecordExists)
        {
            // Feed ids are drawn at random: a second creation under one is a caller's mistake, not a new feed.
            throw new LectorException(ErrorKind.Conflict, "feed.exists");
        }

        var document = GrainFactory.Grain<IDocumentGrain>(documentId);
        await document.Authorize(callerId, Permission.Collaborate);
        var described = await document.Describe() ?? throw LectorException.NotFound("document.not_found");
        if (described.Status != DocumentStatus.Ready)
        {
            throw new LectorException(ErrorKind.Conflict, "document.not_ready");
        }

        if (await engines.ResolveAsync(voice, CancellationToken.None) is null)
        {
            throw LectorException.Invalid("voice", "voice.not_found");
        }

        if (!await GrainFactory.Grain<IDocumentPodcastFeedsMaintenanceGrain>(documentId).Track(FeedId, voice))
        {
            throw new LectorException(ErrorKind.QuotaExceeded, "feed.limit_reached");
        }

        var secret = Secrets.NewToken(SecretPrefix);
        state.State = new PodcastFeedState
        {
            DocumentId = documentId,
            Voice = voice,
            CreatedBy = callerId,
            CreatedAt = time.GetUtcNow(),
            SecretHash = Secrets.Hash(secret),
        };
        await state.WriteStateAsync();

        // The episodes start being made now, so a podcast app subscribing in a moment finds what audio there is.
        await Episodes.Current(callerId);
        return new CreatedPodcastFeed(View(), secret);
    }

    public async Task Revoke(string callerId, string documentId)
    {
        if (!state.RecordExists || Feed.DocumentId != documentId)
        {
            throw LectorException.NotFound("feed.not_found");
        }

        // Anyone who may see the document learns nothing more than not-found; only its owner and the feed's creator revoke.
        if (await Document.Authorize(callerId, Permission.View) != Permission.Owner && callerId != Feed.CreatedBy)
        {
            throw LectorException.NotFound("feed.not_found");
        }

        await state.ClearStateAsync();
        await GrainFactory.Grain<IDocumentPodcastFeedsMaintenanceGrain>(documentId).Forget(FeedId);
        DeactivateOnIdle();
    }

    public async Task<PodcastChannel?> Read(string secret)
    {
        if (!await OpensAsync(secret) || await Document.Describe() is not { } document)
        {
            return null;
        }

        var episodes = await Episodes.Current(Feed.CreatedBy);
        var owner = await GrainFactory.Grain<IUserGrain>(document.OwnerId).GetProfile();
        var author = string.IsNullOrWhiteSpace(owner?.DisplayName) ? "Lector" : owner.DisplayName;
        var updatedAt = episodes.Ready.Select(e => e.BuiltAt).DefaultIfEmpty(Feed.CreatedAt).Max();
        return new PodcastChannel(Feed.DocumentId, Feed.Voice, document.Title, document.Language, author, episodes.Ready, episodes.EpisodeCount, updatedAt);
    }

    public async Task<AudioContent?> OpenEpisode(string secret, string contentId) =>
        await OpensAsync(secret) ? await Episodes.OpenContent(contentId) : null;

    public Task<PodcastFeedView?> Peek() => Task.FromResult(state.RecordExists ? View() : null);

    public async Task Purge()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    /// <summary>The secret is this feed's (compared in fixed time), and its creator may still collaborate on the document.</summary>
    private async Task<bool> OpensAsync(string secret)
    {
        if (!state.RecordExists || !Secrets.FixedTimeEquals(Secrets.Hash(secret), Feed.SecretHash))
        {
            return false;
        }

        try
        {
            await Document.Authorize(Feed.CreatedBy, Permission.Collaborate);
            return true;
        }
        catch (LectorException e) when (e.Kind == ErrorKind.NotFound)
        {
            return false;
        }
    }

    private PodcastFeedView View() => new(FeedId, Feed.DocumentId, Feed.Voice, Feed.CreatedBy, Feed.CreatedAt);
}
