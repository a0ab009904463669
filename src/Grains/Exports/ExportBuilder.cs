using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Exports;
using Lector.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Exports;

/// <summary>
/// Builds an export's file, off the export grain: first the pages' audio, through the document's audio job (which
/// synthesizes what is missing or stale and re-checks the rest), following its progress on the document's event feed;
/// then the file, each page's audio streamed from the blob store into the encoder and the file streamed back into the
/// store, with the document's chapters (or one per page when it has none). Holds no grain state: the result goes back
/// to the export grain to commit, and a build repeated after a crash writes the same blob key. Every wait, grain calls
/// included, ends when the build is stopped, so stopping never waits on a grain busy with the caller.
/// </summary>
public sealed partial class ExportBuilder(
    IGrainFactory grains,
    IBlobStore blobs,
    IAudioBookEncoder encoder,
    IOptions<ExportOptions> options,
    TimeProvider time,
    ILogger<ExportBuilder> logger) : IDisposable
{
    /// <summary>How often a build goes back to the pages' audio because the document changed under it, before it gives up.</summary>
    private const int AttemptsWhileTheDocumentChanges = 3;

    private const int PeeksAtOnce = 16;

    private readonly SemaphoreSlim _encoding = new(options.Value.MaxConcurrentBuilds, options.Value.MaxConcurrentBuilds);

    /// <summary>
    /// The folder builds work in, each in a folder of its own (two activations of one export may briefly build at once
    /// while the cluster changes).
    /// </summary>
    private readonly WorkFolders _work = new(
        options.Value.WorkDirectory.Length > 0 ? options.Value.WorkDirectory : Path.Combine(Path.GetTempPath(), "lector-exports"), logger);

    private ExportOptions Options => options.Value;

    /// <summary>
    /// The file made and stored, or the reason the export failed; null when the build was interrupted by the cluster or
    /// a store being away, which is not the export's failure (the export builds again later).
    /// </summary>
    /// <param name="progress">Told the phase (pending, building) and the pages done in it.</param>
    public async Task<ExportBuildResult?> BuildAsync(ExportKey key, int build, string requestedBy, Action<ExportStatus, int> progress, CancellationToken cancellationToken)
    {
        try
        {
            return new ExportBuildResult(await BuildFileAsync(key, build, requestedBy, progress, cancellationToken), null);
        }
        catch (ExportFailedException e)
        {
            return new ExportBuildResult(null, e.Error);
        }
        catch (LectorException e)
        {
            return new ExportBuildResult(null, ExportErrors.Of(e));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (IsInterruption(e))
        {
            LogInterrupted(logger, e, key.GrainKey);
            return null;
        }
        catch (Exception e)
        {
            LogFailed(logger, e, key.GrainKey);
            return new ExportBuildResult(null, ExportErrors.EncodingFailed);
        }
    }

    private async Task<BuiltExport> BuildFileAsync(ExportKey key, int build, string requestedBy, Action<ExportStatus, int> progress, CancellationToken cancellationToken)
    {
        var document = grains.Grain<IDocumentGrain>(key.DocumentId);
        for (var attempt = 1; ; attempt++)
        {
            await WaitForAudioAsync(key, requestedBy, done => progress(ExportStatus.Pending, done), cancellationToken);

            // Read before the pages: an edit after this makes the file stale, one before it shows in their audio.
            var source = await document.Describe().WaitAsync(cancellationToken) ?? throw LectorException.NotFound("document.not_found");
            var pages = await CurrentAudioAsync(key, source.PageCount, cancellationToken);
            if (pages is not null)
            {
                progress(ExportStatus.Building, 0);
                try
                {
                    return await EncodeAsync(key, build, requestedBy, source, pages, done => progress(ExportStatus.Building, done), cancellationToken);
                }
                catch (PageAudioGoneException) when (attempt < AttemptsWhileTheDocumentChanges)
                {
                    // A page was edited and spoken again while the file was made: its old audio is gone.
                }
                catch (PageAudioGoneException)
                {
                    throw new ExportFailedException(ExportErrors.DocumentChanged);
                }
            }
            else if (attempt == AttemptsWhileTheDocumentChanges)
            {
                throw new ExportFailedException(ExportErrors.DocumentChanged);
            }
        }
    }

    /// <summary>
    /// Starts (or joins) the document's audio job in the export's voice and waits for it to end, following its
    /// progress on the document's feed; when the feed says nothing for a while (or lost events), asks the job itself.
    /// A job that settles no page for <see cref="ExportOptions.StallTimeout"/> interrupts the build, which the export
    /// starts again (joining the job anew): the wait has a deadline, so no build waits on a job forever.
    /// </summary>
    private async Task WaitForAudioAsync(ExportKey key, string requestedBy, Action<int> progress, CancellationToken cancellationToken)
    {
        var feed = grains.Grain<IDocumentFeedGrain>(key.DocumentId);
        var audioJob = grains.Grain<IDocumentAudioJobGrain>(DocumentAudioJobKey.For(key.DocumentId, key.Voice));
        var position = (await feed.Read(requestedBy, null, TimeSpan.Zero).WaitAsync(cancellationToken)).LastId;
        var job = await audioJob.Start(requestedBy).WaitAsync(cancellationToken);
        var lastSettled = time.GetTimestamp();
        while (job.Status != DocumentAudioJobStatus.Completed)
        {
            progress(job.Completed);
            if (time.GetElapsedTime(lastSettled) >= Options.StallTimeout)
            {
                throw new TimeoutException($"The document's audio job settled no page in {Options.StallTimeout}.");
            }

            var batch = await feed.Read(requestedBy, position, Options.RecheckInterval).WaitAsync(cancellationToken);
            position = batch.LastId;
            var previous = job;
            job = batch.Events.LastOrDefault(e => e.Job?.Voice == key.Voice)?.Job
                ?? (batch.Reset || batch.Events.Count == 0 ? await audioJob.GetProgress(requestedBy).WaitAsync(cancellationToken) : job);
            if (job.Completed + job.Failed != previous.Completed + previous.Failed)
            {
                lastSettled = time.GetTimestamp();
            }
        }

        progress(job.Completed);
        if (job.Failed > 0)
        {
            throw new ExportFailedException(ExportErrors.PagesFailed(job.Failed));
        }
    }

    /// <summary>Where each page's audio is, when every page has audio matching its text; null when one does not.</summary>
    private async Task<IReadOnlyList<AudioContent>?> CurrentAudioAsync(ExportKey key, int pageCount, CancellationToken cancellationToken)
    {
        var pages = await PeekAudioAsync(grains, key.DocumentId, key.Voice, pageCount, cancellationToken);
        return pages.Any(c => c is null) ? null : [.. pages.OfType<AudioContent>()];
    }

    /// <summary>Where each page's audio in <paramref name="voice"/> is, in page order; null for a page without audio matching its text.</summary>
    internal static async Task<IReadOnlyList<AudioContent?>> PeekAudioAsync(
        IGrainFactory grains, string documentId, string voice, int pageCount, CancellationToken cancellationToken)
    {
        var pages = new List<AudioContent?>(pageCount);
        foreach (var chunk in Enumerable.Range(1, pageCount).Chunk(PeeksAtOnce))
        {
            pages.AddRange(await Task.WhenAll(chunk.Select(page =>
                grains.Grain<IPageVoiceMaintenanceGrain>(new AudioKey(documentId, page, voice).GrainKey).PeekContent())).WaitAsync(cancellationToken));
        }

        return pages;
    }

    private async Task<BuiltExport> EncodeAsync(
        ExportKey key, int build, string requestedBy, DocumentReference source, IReadOnlyList<AudioContent> pages, Action<int> progress, CancellationToken cancellationToken)
    {
        var chapters = await ChaptersAsync(grains.Grain<IDocumentGrain>(key.DocumentId), requestedBy, pages.Count, cancellationToken);
        var book = new AudioBook(key.Format, source.Title, source.Language, [.. chapters.Select(c => new AudioBookChapter(c.Title, c.FirstPage))]);
        await _encoding.WaitAsync(cancellationToken);
        try
        {
            using var work = _work.Open();
            var output = work.File($"book.{key.Format.Name()}");
            var encoded = await encoder.EncodeAsync(book, pages.Count, (page, token) => OpenPageAsync(pages[page - 1], token), output, progress, cancellationToken);
            var blobKey = BlobKeys.Export(key.DocumentId, key.Format.Name(), key.Voice, build);
            long size;
            await using (var file = new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                size = file.Length;
                await blobs.PutAsync(blobKey, file, cancellationToken);
            }

            return new BuiltExport(
                blobKey, size, encoded.DurationMs, [.. chapters.Select((c, i) => c with { StartMs = encoded.ChapterStartsMs[i] })], source.UpdatedAt);
        }
        finally
        {
            _encoding.Release();
        }
    }

    private async Task<Stream> OpenPageAsync(AudioContent page, CancellationToken cancellationToken) =>
        await blobs.OpenReadAsync(page.BlobKey, cancellationToken) ?? throw new PageAudioGoneException();

    /// <summary>
    /// The document's chapters, the first stretched back to the first page so the file has a chapter from its start;
    /// a document without chapters gets one per page, named by its printed label where it has one.
    /// </summary>
    internal static async Task<IReadOnlyList<ExportChapter>> ChaptersAsync(IDocumentGrain document, string requestedBy, int pageCount, CancellationToken cancellationToken)
    {
        var chapters = await document.ListChapters(requestedBy).WaitAsync(cancellationToken);
        if (chapters.Count > 0)
        {
            return [.. chapters.Select((c, i) => new ExportChapter(c.Title, 0, i == 0 ? 1 : c.FirstPage, c.LastPage))];
        }

        var perPage = new List<ExportChapter>(pageCount);
        for (var listing = 1; perPage.Count < pageCount; listing++)
        {
            var pages = await document.ListPages(requestedBy, new PageRequest(listing, PageRequest.MaxPageSize)).WaitAsync(cancellationToken);
            perPage.AddRange(pages.Items.Select(p => new ExportChapter($"Page {p.Label ?? p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}", 0, p.Number, p.Number)));
            if (pages.Items.Count < PageRequest.MaxPageSize)
            {
                break;
            }
        }

        return perPage;
    }

    /// <summary>The cluster changed, or the database or blob store is away: the build is not the export's failure.</summary>
    private static bool IsInterruption(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException || StorageOutages.Classify(e) is not null;

    public void Dispose() => _encoding.Dispose();

    /// <summary>A page's audio blob went away under the build: the page was spoken again.</summary>
    private sealed class PageAudioGoneException() : Exception("A page's audio is gone.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {ExportKey} was interrupted; it builds again later")]
    private static partial void LogInterrupted(ILogger logger, Exception exception, string exportKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {ExportKey} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string exportKey);
}
