using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Podcasts;
using Lector.Grains.Podcasts;
using Lector.Grains.Speech;

namespace Lector.Grains.Tests.Podcasts;

/// <summary>
/// Feeds and their episodes through the grains: an episode is exactly its pages' MP3 frames joined, a feed reads only
/// with its secret, and revoking it or deleting its document removes what it made.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PodcastFeedGrainTests(LectorClusterFixture fixture)
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task An_episode_is_its_pages_mp3_frames_joined_and_only_the_secret_opens_it()
    {
        var (owner, documentId, _) = await CreateSpokenDocumentAsync();
        var feed = fixture.Client.GetGrain<IPodcastFeedGrain>(Guid.NewGuid().ToString("N"));
        var created = await feed.Create(owner, documentId, Voice);
        Assert.StartsWith(PodcastFeedGrain.SecretPrefix, created.Secret, StringComparison.Ordinal);

        var channel = await WaitForEpisodesAsync(feed, created.Secret);

        var pageCount = (await fixture.Client.GetGrain<IDocumentGrain>(documentId).Describe())!.PageCount;
        Assert.Equal(pageCount, channel.EpisodeCount);
        Assert.Equal(Enumerable.Range(1, pageCount), channel.Episodes.Select(e => e.FirstPage));
        foreach (var episode in channel.Episodes)
        {
            var content = await feed.OpenEpisode(created.Secret, episode.ContentId);
            Assert.NotNull(content);
            var joined = await ReadBlobAsync(content.BlobKey);
            var pages = new List<byte[]>();
            for (var page = episode.FirstPage; page <= episode.LastPage; page++)
            {
                var pageAudio = await fixture.Client.GetGrain<IPageVoiceMaintenanceGrain>(new AudioKey(documentId, page, Voice).GrainKey).PeekContent();
                pages.Add(await ReadBlobAsync(pageAudio!.BlobKey));
            }

            var frames = pages.Select(p => Mp3Frames.Read(p)).ToList();
            Assert.Equal(Mp3Frames.Join([.. pages.Zip(frames)]), joined);
            Assert.Equal(joined.Length, episode.SizeBytes);
            Assert.InRange(episode.DurationMs, frames.Sum(Mp3Frames.DurationMs) - pages.Count, frames.Sum(Mp3Frames.DurationMs) + pages.Count);
        }

        Assert.Null(await feed.Read(created.Secret.ToUpperInvariant()));
        Assert.Null(await feed.Read(PodcastFeedGrain.SecretPrefix + new string('A', 43)));
        Assert.Null(await feed.OpenEpisode("", channel.Episodes[0].ContentId));
        Assert.Null(await feed.OpenEpisode(created.Secret, "1-0000"));
    }

    [Fact]
    public async Task Revoking_the_last_feed_of_a_voice_and_deleting_the_document_remove_the_feeds_and_their_episodes()
    {
        var (owner, documentId, _) = await CreateSpokenDocumentAsync();
        var stranger = (await TestAccounts.RegisterAsync(fixture.Client, "Stranger")).Id;
        var revoked = fixture.Client.GetGrain<IPodcastFeedGrain>(Guid.NewGuid().ToString("N"));
        var secret = (await revoked.Create(owner, documentId, Voice)).Secret;
        var episode = (await WaitForEpisodesAsync(revoked, secret)).Episodes[0];
        var blobKey = (await revoked.OpenEpisode(secret, episode.ContentId))!.BlobKey;

        var refused = await Assert.ThrowsAsync<LectorException>(() => revoked.Revoke(stranger, documentId));
        Assert.Equal(ErrorKind.NotFound, refused.Kind);
        await revoked.Revoke(owner, documentId);

        Assert.Null(await revoked.Read(secret));
        Assert.Null(await revoked.OpenEpisode(secret, episode.ContentId));
        Assert.False(await fixture.Blobs.ExistsAsync(blobKey));
        Assert.Empty(await fixture.Client.GetGrain<IDocumentPodcastFeedsGrain>(documentId).List(owner));

        var kept = fixture.Client.GetGrain<IPodcastFeedGrain>(Guid.NewGuid().ToString("N"));
        var keptSecret = (await kept.Create(owner, documentId, Voice)).Secret;
        var keptEpisode = (await WaitForEpisodesAsync(kept, keptSecret)).Episodes[0];
        var keptBlob = (await kept.OpenEpisode(keptSecret, keptEpisode.ContentId))!.BlobKey;
        await fixture.Client.GetGrain<IDocumentGrain>(documentId).Delete(owner);

        Assert.Null(await kept.Read(keptSecret));
        Assert.False(await fixture.Blobs.ExistsAsync(keptBlob));
        Assert.Null(await kept.AsReference<IPodcastFeedMaintenanceGrain>().Peek());
    }

    [Fact]
    public async Task Pages_of_one_mp3_format_are_joined_exactly_and_pages_of_two_are_left_to_the_encoder()
    {
        var quiet = await PutAsync(Mp3Frames.Silence(500));
        var longer = await PutAsync(Mp3Frames.Silence(1500));
        var otherRate = await PutAsync(Mpeg2Frames24kHz(count: 50));
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "episode.mp3");

        var durationMs = await PodcastEpisodeBuilder.JoinAsync(fixture.Blobs, [quiet, longer], path, CancellationToken.None);

        var parts = new[] { Mp3Frames.Silence(500), Mp3Frames.Silence(1500) };
        Assert.Equal(Mp3Frames.Join([.. parts.Select(p => (p, Mp3Frames.Read(p)))]), await File.ReadAllBytesAsync(path));
        Assert.Equal(parts.Sum(p => Mp3Frames.DurationMs(Mp3Frames.Read(p))), durationMs);
        Assert.Null(await PodcastEpisodeBuilder.JoinAsync(fixture.Blobs, [quiet, otherRate], path, CancellationToken.None));
        Assert.Null(await PodcastEpisodeBuilder.JoinAsync(fixture.Blobs, [quiet with { Format = "ogg" }], path, CancellationToken.None));
    }

    /// <summary>A document of a few pages whose audio in <see cref="Voice"/> is made (through its audio job) before any feed.</summary>
    private async Task<(string Owner, string DocumentId, string Text)> CreateSpokenDocumentAsync()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 2).Select(n =>
            $"Part {n}. " + string.Join(' ', Enumerable.Range(1, 30).Select(i => $"Sentence {i} of part {n} is read aloud for a podcast."))));
        var created = await TestDocuments.CreateAsync(fixture.Client, text);
        var job = fixture.Client.GetGrain<IDocumentAudioJobGrain>(DocumentAudioJobKey.For(created.DocumentId, Voice));
        await job.Start(created.Owner);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while ((await job.GetProgress(created.Owner)).Status != DocumentAudioJobStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, "the document's audio was not made in time");
            await Task.Delay(100);
        }

        return created;
    }

    /// <summary>Reads the feed until every episode of the document is in it.</summary>
    private static async Task<PodcastChannel> WaitForEpisodesAsync(IPodcastFeedGrain feed, string secret)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var channel = await feed.Read(secret);
            Assert.NotNull(channel);
            if (channel.EpisodeCount > 0 && channel.Episodes.Count == channel.EpisodeCount)
            {
                return channel;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the feed has {channel.Episodes.Count} of {channel.EpisodeCount} episodes");
            await Task.Delay(100);
        }
    }

    private async Task<byte[]> ReadBlobAsync(string key)
    {
        await using var blob = await fixture.Blobs.OpenReadAsync(key);
        Assert.NotNull(blob);
        using var copy = new MemoryStream();
        await blob.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<AudioContent> PutAsync(byte[] mp3)
    {
        var key = $"tests/{Guid.NewGuid():N}.mp3";
        await fixture.Blobs.PutAsync(key, new MemoryStream(mp3));
        return new AudioContent(key, "audio/mpeg", "mp3");
    }

    /// <summary>Silent MPEG-2 Layer III frames at 24,000 Hz (a neural voice's rate), mono, 8 kbit/s: 24 bytes each.</summary>
    private static byte[] Mpeg2Frames24kHz(int count)
    {
        var frames = new byte[count * 24];
        for (var i = 0; i < count; i++)
        {
            new byte[] { 0xFF, 0xF3, 0x14, 0xC0 }.CopyTo(frames, i * 24);
        }

        return frames;
    }
}
