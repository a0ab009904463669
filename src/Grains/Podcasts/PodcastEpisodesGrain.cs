using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Podcasts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Podcasts;

public sealed class PodcastEpisodesState
{
    /// <summary>The episodes built, by number; an episode whose pages changed keeps its last audio until the new one is built.</summary>
    public List<PodcastEpisodeRecord> Episodes { get; set; } = [];

    /// <summary>How many episodes the document has, as the last refresh found.</summary>
    public int EpisodeCount { get; set; }
}

public sealed class PodcastEpisodeRecord
{
    public int Number { get; set; }

    public string Title { get; set; } = "";

    public int FirstPage { get; set; }

    public int LastPage { get; set; }

    /// <summary>The episode's identity for podcast apps, the same across rebuilds.</summary>
    public string Guid { get; set; } = "";

    /// <summary>The hash of what the audio was joined from (the pages' audio, in order): it names the blob and the enclosure.</summary>
    public string SourceHash { get; set; } = "";

    public string BlobKey { get; set; } = "";

    public long SizeBytes { get; set; }

    public long DurationMs { get; set; }

    public DateTimeOffset BuiltAt { get; set; }

    /// <summary>The enclosure's name for this rendering: the episode and a prefix of its source hash.</summary>
    public string ContentId => $"{Number}-{SourceHash[..20]}";
}

/// <summary>
/// The episodes of one document's podcast in one voice. Reading them answers at once with what is built; a refresh
/// (at most one at a time, and not more often than <see cref="PodcastOptions.RefreshInterval"/>) runs off the grain
/// (<see cref="PodcastEpisodeBuilder"/>) and hands back each episode it built and its end as calls, so every state
/// change is a turn of this grain, and no turn waits on the document (whose deletion waits on this grain's purge).
/// While the document's pages are being synthesized, refreshes follow by themselves, so episodes appear as their
/// pages' audio does. Nothing here is unfinished work a crash could strand: the next read starts a refresh again.
/// </summary>
public sealed partial class PodcastEpisodesGrain(
    [PersistentState("podcastEpisodes")] IPersistentState<PodcastEpisodesState> state,
    PodcastEpisodeBuilder builder,
    IBlobStore blobs,
    IOptions<PodcastOptions> options,
    TimeProvider time,
    ILogger<PodcastEpisodesGrain> logger) : Grain, IPodcastEpisodesGrain
{
    private CancellationTokenSource? _stopping;
    private Task? _refreshing;
    private int _refresh;
    private DateTimeOffset? _lastRefresh;
    private IGrainTimer? _followUp;
    private bool _purged;
    private string _requestedBy = "";

    private PodcastKey Key => PodcastKey.FromGrainKey(this.GetPrimaryKeyString());

    private List<PodcastEpisodeRecord> Episodes => state.State.Episodes;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await StopRefreshAsync();

    public Task<PodcastEpisodes> Current(string requestedBy)
    {
        var now = time.GetUtcNow();
        if (_refreshing is not { IsCompleted: false } && (_lastRefresh is not { } last || now - last >= options.Value.RefreshInterval))
        {
            StartRefresh(requestedBy, startAudio: true);
        }

        return Task.FromResult(new PodcastEpisodes([.. Episodes.Select(View)], state.State.EpisodeCount));
    }

    public Task<AudioContent?> OpenContent(string contentId) => Task.FromResult(
        Episodes.Find(e => e.ContentId == contentId) is { } episode ? new AudioContent(episode.BlobKey, "audio/mpeg", "mp3") : null);

    public async Task EpisodeBuilt(int refresh, BuiltPodcastEpisode built)
    {
        var replaced = Episodes.Find(e => e.Number == built.Number);
        if (refresh != _refresh || _purged || replaced?.BlobKey == built.BlobKey)
        {
            // A refresh since stopped (the podcast was purged) or one that made what is there already: nothing to commit.
            if (!Episodes.Any(e => e.BlobKey == built.BlobKey))
            {
                await blobs.DeleteAsync(built.BlobKey);
            }

            return;
        }

        // Built later, dated later: apps that order episodes by date keep them in the order they were published.
        var latest = Episodes.Select(e => e.BuiltAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var now = time.GetUtcNow();
        var record = new PodcastEpisodeRecord
        {
            Number = built.Number,
            Title = built.Title,
            FirstPage = built.FirstPage,
            LastPage = built.LastPage,
            Guid = built.Guid,
            SourceHash = built.SourceHash,
            BlobKey = built.BlobKey,
            SizeBytes = built.SizeBytes,
            DurationMs = built.DurationMs,
            BuiltAt = now > latest ? now : latest.AddSeconds(1),
        };
        var stored = Snapshot();
        Episodes.RemoveAll(e => e.Number == built.Number);
        Episodes.Add(record);
        Episodes.Sort((a, b) => a.Number.CompareTo(b.Number));
        await WriteAsync(stored);
        if (replaced is not null)
        {
            await blobs.DeleteAsync(replaced.BlobKey);
        }
    }

    public async Task RefreshEnded(int refresh, int episodeCount, bool waitingForAudio)
    {
        if (refresh != _refresh || _purged)
        {
            return;
        }

        var gone = Episodes.Where(e => e.Number > episodeCount).ToList();
        if (gone.Count > 0 || state.State.EpisodeCount != episodeCount)
        {
            var stored = Snapshot();
            Episodes.RemoveAll(gone.Contains);
            state.State.EpisodeCount = episodeCount;
            await WriteAsync(stored);
            foreach (var episode in gone)
            {
                await blobs.DeleteAsync(episode.BlobKey);
            }
        }

        _followUp?.Dispose();
        _followUp = null;
        if (waitingForAudio)
        {
            var requestedBy = _requestedBy;
            _followUp = this.RegisterGrainTimer(
                _ =>
                {
                    StartRefresh(requestedBy, startAudio: false);
                    return Task.CompletedTask;
                },
                new GrainTimerCreationOptions(options.Value.RefreshInterval, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    public async Task Purge()
    {
        _purged = true;
        await StopRefreshAsync();

        // Every file under the podcast's prefix: those of the episodes, and any a stopped build wrote and never reported.
        await foreach (var blob in blobs.ListAsync(BlobKeys.PodcastEpisodes(Key.DocumentId, Key.Voice)))
        {
            await blobs.DeleteAsync(blob.Key);
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    private void StartRefresh(string requestedBy, bool startAudio)
    {
        if (_purged || _refreshing is { IsCompleted: false })
        {
            return;
        }

        _requestedBy = requestedBy;
        _lastRefresh = time.GetUtcNow();
        _refresh++;
        _stopping?.Dispose();
        _stopping = new CancellationTokenSource();
        var refresh = _refresh;
        var known = Episodes.ToDictionary(e => e.Number, e => e.SourceHash);
        var self = this.AsReference<IPodcastEpisodesGrain>();
        var stopping = _stopping.Token;
        _refreshing = Task.Run(() => RunRefreshAsync(refresh, requestedBy, startAudio, known, self, stopping), CancellationToken.None);
    }

    private async Task RunRefreshAsync(
        int refresh, string requestedBy, bool startAudio, IReadOnlyDictionary<int, string> known, IPodcastEpisodesGrain self, CancellationToken stopping)
    {
        try
        {
            await builder.RefreshAsync(Key, refresh, requestedBy, startAudio, known, self, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped: the podcast is going, or its activation is.
        }
        catch (Exception e)
        {
            // The next read of a feed refreshes again.
            LogRefreshFailed(logger, e, Key.DocumentId);
        }
    }

    private async Task StopRefreshAsync()
    {
        _followUp?.Dispose();
        _followUp = null;
        if (_refreshing is { IsCompleted: false } running && _stopping is { } stopping)
        {
            await stopping.CancelAsync();
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    private PodcastEpisodesState Snapshot() => new() { Episodes = [.. Episodes], EpisodeCount = state.State.EpisodeCount };

    private async Task WriteAsync(PodcastEpisodesState stored)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = stored;
            throw;
        }
    }

    private PodcastEpisode View(PodcastEpisodeRecord e) => new(
        e.Number, e.Title, e.FirstPage, e.LastPage, e.Guid, e.ContentId, e.SizeBytes, e.DurationMs, e.BuiltAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the podcast episodes of document {DocumentId} failed; the next read of a feed tries again")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string documentId);
}
