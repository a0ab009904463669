using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Exports;
using Lector.Abstractions.Podcasts;
using Lector.Grains.Exports;
using Lector.Grains.Speech;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Podcasts;

/// <summary>
/// Brings a document's podcast episodes in one voice up to date, off their grain. The episodes are the document's
/// chapters as its exports have them (or one per page); an episode is built when every page of it has audio matching its
/// text, new episodes in order (a feed grows as a serial does), and again whenever that audio changes. Pages without
/// audio are asked for through the document's audio job, which keeps the engine's pace. An episode's MP3 is its pages'
/// MP3 frames joined: the engines' pages of one voice share one format, so this is exact and costs no encoding (ID3
/// tags and the per-page Xing/Info frames, whose counts would describe one page only, are dropped). Pages that do not
/// share one MP3 format (a page of silence in a voice of another sample rate) are encoded into one by the export
/// encoder instead. Holds no grain state: each episode built and the refresh's end go back to the grain as calls, and a
/// build repeated after a crash writes the same blob key. Every wait ends when the refresh is stopped.
/// </summary>
public sealed partial class PodcastEpisodeBuilder(
    IGrainFactory grains,
    IBlobStore blobs,
    IAudioBookEncoder encoder,
    IOptions<PodcastOptions> options,
    ILogger<PodcastEpisodeBuilder> logger) : IDisposable
{
    private readonly SemaphoreSlim _building = new(options.Value.MaxConcurrentBuilds, options.Value.MaxConcurrentBuilds);

    /// <param name="startAudio">Start (or join) the document's audio job when pages lack audio; otherwise only ask whether it still runs.</param>
    /// <param name="built">The source hash of each episode the grain has, by number.</param>
    public async Task RefreshAsync(
        PodcastKey key,
        int refresh,
        string requestedBy,
        bool startAudio,
        IReadOnlyDictionary<int, string> built,
        IPodcastEpisodesGrain episodes,
        CancellationToken cancellationToken)
    {
        var document = grains.Grain<IDocumentGrain>(key.DocumentId);
        if (await document.Describe().WaitAsync(cancellationToken) is not { Status: DocumentStatus.Ready } source)
        {
            return;
        }

        var plan = await PlanAsync(key, document, requestedBy, source.PageCount, cancellationToken);
        var pages = await ExportBuilder.PeekAudioAsync(grains, key.DocumentId, key.Voice, source.PageCount, cancellationToken);
        var waitingForAudio = pages.Any(p => p is null) && await AudioComingAsync(key, requestedBy, startAudio, cancellationToken);
        var everyEarlierExists = true;
        foreach (var episode in plan)
        {
            var audio = pages.Skip(episode.FirstPage - 1).Take(episode.LastPage - episode.FirstPage + 1).ToList();
            var exists = built.TryGetValue(episode.Number, out var builtHash);
            if (audio.All(a => a is not null) && (exists || everyEarlierExists))
            {
                var hash = SourceHash(episode, audio!);
                if (hash != builtHash)
                {
                    var made = await BuildAsync(key, episode, hash, audio!, source.Language, cancellationToken);
                    await episodes.EpisodeBuilt(refresh, made).WaitAsync(cancellationToken);
                    exists = true;
                }
            }

            everyEarlierExists &= exists;
        }

        await episodes.RefreshEnded(refresh, plan.Count, waitingForAudio).WaitAsync(cancellationToken);
    }

    public void Dispose() => _building.Dispose();

    /// <summary>
    /// The episodes: the export's chapters, each running to the page before the next one's first (the last to the end).
    /// A chapter whose next one starts on the same page has no page of its own, and no episode: the pages are read once.
    /// </summary>
    private static async Task<IReadOnlyList<PlannedEpisode>> PlanAsync(
        PodcastKey key, IDocumentGrain document, string requestedBy, int pageCount, CancellationToken cancellationToken)
    {
        var chapters = await ExportBuilder.ChaptersAsync(document, requestedBy, pageCount, cancellationToken);
        var voice = PublicIds.EncodeVoice(key.Voice);
        var spans = chapters
            .Select((c, i) => (c.Title, c.FirstPage, LastPage: i + 1 < chapters.Count ? chapters[i + 1].FirstPage - 1 : pageCount))
            .Where(c => c.LastPage >= c.FirstPage)
            .ToList();
        return [.. spans.Select((c, i) => new PlannedEpisode(
            i + 1,
            c.Title,
            c.FirstPage,
            c.LastPage,
            string.Create(CultureInfo.InvariantCulture, $"lector:{key.DocumentId}:{voice}:page-{c.FirstPage}")))];
    }

    /// <summary>Whether the pages without audio are on their way: the document's audio job for the voice is running.</summary>
    private async Task<bool> AudioComingAsync(PodcastKey key, string requestedBy, bool start, CancellationToken cancellationToken)
    {
        var job = grains.Grain<IDocumentAudioJobGrain>(DocumentAudioJobKey.For(key.DocumentId, key.Voice));
        try
        {
            var progress = start ? await job.Start(requestedBy).WaitAsync(cancellationToken) : await job.GetProgress(requestedBy).WaitAsync(cancellationToken);
            return progress.Status == DocumentAudioJobStatus.Running;
        }
        catch (LectorException e)
        {
            // The voice went, or the requester lost access meanwhile: the episodes there are stay, no more come.
            LogNoAudio(logger, key.DocumentId, e.Code);
            return false;
        }
    }

    private static string SourceHash(PlannedEpisode episode, IReadOnlyList<AudioContent> audio) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            [episode.Title, episode.FirstPage.ToString(CultureInfo.InvariantCulture), .. audio.Select(a => a.BlobKey)]))));

    private async Task<BuiltPodcastEpisode> BuildAsync(
        PodcastKey key, PlannedEpisode episode, string hash, IReadOnlyList<AudioContent> pages, string? language, CancellationToken cancellationToken)
    {
        await _building.WaitAsync(cancellationToken);
        var path = Path.Combine(Path.GetTempPath(), $"lector-episode-{Guid.NewGuid():N}.mp3");
        try
        {
            var durationMs = await JoinAsync(blobs, pages, path, cancellationToken)
                ?? await EncodeAsync(episode, pages, language, path, cancellationToken);
            var blobKey = BlobKeys.PodcastEpisode(key.DocumentId, key.Voice, episode.Number, hash);
            long size;
            await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                size = file.Length;
                await blobs.PutAsync(blobKey, file, cancellationToken);
            }

            return new BuiltPodcastEpisode(episode.Number, episode.Title, episode.FirstPage, episode.LastPage, episode.Guid, hash, blobKey, size, durationMs);
        }
        finally
        {
            _building.Release();
            File.Delete(path);
        }
    }

    /// <summary>The pages' MP3 frames, in order, into one file; its duration, or null when the pages do not share one MP3 format.</summary>
    internal static async Task<long?> JoinAsync(IBlobStore blobs, IReadOnlyList<AudioContent> pages, string path, CancellationToken cancellationToken)
    {
        if (pages.Any(p => p.Format != "mp3"))
        {
            return null;
        }

        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        int? sampleRate = null;
        long samples = 0;
        foreach (var page in pages)
        {
            var mp3 = await ReadAsync(blobs, page, cancellationToken);
            IReadOnlyList<Mp3Frames.Frame> frames;
            try
            {
                frames = Mp3Frames.Read(mp3);
            }
            catch (SpeechException)
            {
                return null;
            }

            sampleRate ??= frames[0].SampleRate;
            if (frames.Any(f => f.SampleRate != sampleRate))
            {
                return null;
            }

            foreach (var frame in frames)
            {
                await output.WriteAsync(mp3.AsMemory(frame.Offset, frame.Length), cancellationToken);
            }

            samples += frames.Sum(f => (long)f.Samples);
        }

        return samples * 1000 / sampleRate!.Value;
    }

    private async Task<long> EncodeAsync(PlannedEpisode episode, IReadOnlyList<AudioContent> pages, string? language, string path, CancellationToken cancellationToken)
    {
        var book = new AudioBook(ExportFormat.Mp3, episode.Title, language, [new AudioBookChapter(episode.Title, 1)]);
        var encoded = await encoder.EncodeAsync(book, pages.Count, (part, token) => OpenAsync(blobs, pages[part - 1], token), path, _ => { }, cancellationToken);
        return encoded.DurationMs;
    }

    private static async Task<byte[]> ReadAsync(IBlobStore blobs, AudioContent page, CancellationToken cancellationToken)
    {
        await using var stream = await OpenAsync(blobs, page, cancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    /// <summary>A page's audio; its blob is gone when the page was spoken again meanwhile, and the next refresh joins the new one.</summary>
    private static async Task<Stream> OpenAsync(IBlobStore blobs, AudioContent page, CancellationToken cancellationToken) =>
        await blobs.OpenReadAsync(page.BlobKey, cancellationToken) ?? throw new InvalidOperationException("A page's audio is gone.");

    private sealed record PlannedEpisode(int Number, string Title, int FirstPage, int LastPage, string Guid);

    [LoggerMessage(Level = LogLevel.Information, Message = "The podcast of document {DocumentId} asks for no more audio: {Code}")]
    private static partial void LogNoAudio(ILogger logger, string documentId, string code);
}
