using System.Diagnostics;
using System.Text;
using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Diagnostics;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Exports;
using Lector.Abstractions.Lexicon;
using Lector.Abstractions.Links;
using Lector.Abstractions.Podcasts;
using Lector.Abstractions.Sharing;
using Lector.Grains.Admin;
using Lector.Grains.Import;
using Lector.Grains.Ingestion;
using Lector.Grains.Lexicon;
using Lector.Grains.Sharing;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Normalization;
using Lector.Grains.Storage;
using Lector.Grains.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Documents;

public sealed class DocumentState
{
    public string OwnerId { get; set; } = "";

    public string Title { get; set; } = "";

    public DocumentStatus Status { get; set; }

    public string SourceType { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public SafeError? Error { get; set; }

    /// <summary>The upload's sanitized file name: a label for people, never a path.</summary>
    public string? FileName { get; set; }

    /// <summary>The uploaded file, the pasted text or the fetched page (text as UTF-8); parsed from here, so an interrupted ingestion can start over.</summary>
    public string? OriginalBlobKey { get; set; }

    public List<PageSummary> Pages { get; set; } = [];

    /// <summary>From the document's outline; bounded by <see cref="ChapterList.MaxChapters"/>.</summary>
    public List<Chapter> Chapters { get; set; } = [];

    /// <summary>BCP 47, detected from the text at ingestion (null when unsure): chooses how pages are normalized for speech.</summary>
    public string? Language { get; set; }

    /// <summary>Set before a delete starts, so a delete interrupted by a crash is finished at start-up.</summary>
    public bool Deleting { get; set; }

    /// <summary>Shares as an older Lector kept them, by user id; handed over to the sharing grain on activation, then empty.</summary>
    public Dictionary<string, ShareRecord> Shares { get; set; } = [];
}

public sealed partial class DocumentGrain(
    [PersistentState("document")] IPersistentState<DocumentState> state,
    IBlobStore blobs,
    IOptions<LectorOptions> options,
    TimeProvider time,
    PendingWork pendingWork,
    IAudioRecords audioRecords,
    SiloSettings siloSettings,
    ISpeechNormalizer normalizer,
    IArticleFetcher articles,
    ILogger<DocumentGrain> logger) : Grain, IDocumentGrain, ISharedDocumentGrain, IGrainMigrationParticipant
{
    private const string ReportedPagesKey = "lector.reportedPages";
    private const string AudioCountsReadKey = "lector.audioCountsRead";

    private readonly SerializedWrites _writes = new();
    private Task? _ingestion;

    /// <summary>
    /// Who else may use the document: a copy of what its <see cref="DocumentSharingGrain"/> stores, so that checking
    /// access costs no grain call. Read from that grain at the first need of an activation (null until then; the
    /// owner's calls never need it), then replaced by the copies it pushes with every change before answering its
    /// caller, so a revoked share stops working at once. Versions keep a late read from undoing a newer push.
    /// </summary>
    private SharedAccess? _sharedAccess;

    /// <summary>
    /// Audio counts per page are derived from the audio records, not written on every change: read when pages are
    /// first listed in this activation, and kept by the pages' reports meanwhile (a page's report is the truth, since
    /// it counts reservations not yet written). The stored counts are only what the last write happened to carry.
    /// </summary>
    private readonly HashSet<int> _reportedPages = [];

    private bool _audioCountsRead;

    /// <summary>
    /// When the activation moves (its silo stops while calls wait for it), the counts in its state move with it, and
    /// so does which of them the pages reported: a count read from the records would miss a slot not yet written.
    /// </summary>
    public void OnDehydrate(IDehydrationContext migrationContext)
    {
        migrationContext.TryAddValue(ReportedPagesKey, _reportedPages);
        migrationContext.TryAddValue(AudioCountsReadKey, _audioCountsRead);
    }

    public void OnRehydrate(IRehydrationContext migrationContext)
    {
        if (migrationContext.TryGetValue<HashSet<int>>(ReportedPagesKey, out var reported) && reported is not null)
        {
            _reportedPages.UnionWith(reported);
        }

        migrationContext.TryGetValue(AudioCountsReadKey, out _audioCountsRead);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && Document.Shares.Count > 0)
        {
            await HandOverLegacySharesAsync();
        }
    }

    private string DocumentId => this.GetPrimaryKeyString();

    private DocumentState Document => state.State;

    public async Task<DocumentDetails> Create(NewDocument document)
    {
        if (state.RecordExists)
        {
            throw new LectorException(ErrorKind.Conflict, "document.exists");
        }

        var (original, parser, ownTitle) = await ReadOriginalAsync(document);
        var now = time.GetUtcNow();
        var fileName = document.FileName is null ? null : FileNames.Sanitize(document.FileName);
        state.State = new DocumentState
        {
            OwnerId = document.OwnerId,
            Title = document.Title.Length > 0 ? document.Title : ownTitle ?? fileName ?? FileNames.Fallback,
            Status = DocumentStatus.Processing,
            SourceType = parser.SourceType,
            CreatedAt = now,
            UpdatedAt = now,
            FileName = fileName,
            OriginalBlobKey = BlobKeys.Original(DocumentId),
        };
        await blobs.PutAsync(BlobKeys.Original(DocumentId), new MemoryStream(original, writable: false));
        if (document.OriginalBlobKey is { } staged)
        {
            await blobs.DeleteAsync(staged);
        }

        // A new document is shared with nobody; knowing it spares its sharing grain an activation when it is published.
        _sharedAccess = new SharedAccess(0, new Dictionary<string, Permission>());
        await pendingWork.AddAsync(this.GetGrainId());
        await _writes.RunAsync(state.WriteStateAsync);
        await GrainFactory.Statistics().DocumentsChanged(1, 0);
        await PublishAsync();
        StartIngestion();
        return Details(Permission.Owner);
    }

    /// <summary>
    /// The original to keep, the parser that reads it and the title it gives itself (a fetched page's); refuses, before
    /// anything is stored, what cannot become a document. A page is fetched here, within the caller's request, so that
    /// a refused address, redirect or type answers that request.
    /// </summary>
    private async Task<(byte[] Original, IDocumentParser Parser, string? Title)> ReadOriginalAsync(NewDocument document)
    {
        if (document.Text is not null)
        {
            if (string.IsNullOrWhiteSpace(document.Text))
            {
                throw LectorException.Invalid("text", "document.empty");
            }

            return (Encoding.UTF8.GetBytes(document.Text), DocumentIngestion.PastedText, null);
        }

        if (document.Url is { } url)
        {
            var page = await articles.FetchAsync(url, CancellationToken.None);
            var pageParser = DocumentIngestion.ForWebPage(page.IsPlainText);
            var parsed = await DocumentIngestion.ParseAsync(pageParser, page.Content, options.Value.Ingestion);
            DocumentIngestion.RequireText(parsed);
            return (page.Content, pageParser, parsed.Title ?? page.Url.IdnHost);
        }

        // The upload is staged; it becomes the original only once it is known to be acceptable, so a refusal stores nothing.
        var uploadKey = document.OriginalBlobKey ?? throw new ArgumentException("A document needs text, an upload or a URL.", nameof(document));
        var original = await ReadBlobAsync(uploadKey);
        return (original, await DocumentIngestion.InspectAsync(original, options.Value.Ingestion), null);
    }

    public async Task<DocumentDetails> Get(string callerId) => Details(await Authorize(callerId, Permission.View));

    public async Task<Permission> Authorize(string callerId, Permission required)
    {
        var permission = !state.RecordExists || Document.Deleting ? Permission.None
            : Document.OwnerId == callerId ? Permission.Owner
            : (await SharedAccessAsync()).Permissions.GetValueOrDefault(callerId);
        return DocumentAccess.Require(permission, required);
    }

    public Task<DocumentSummary?> ApplySharedAccess(SharedAccess access)
    {
        if (Apply(access))
        {
            // A share may have ended: open event streams check their reader's access again now.
            Feed.AccessChanged().Ignore();
        }

        return Task.FromResult(state.RecordExists && !Document.Deleting ? Summary() : null);
    }

    public async Task<PagedResult<PageSummary>> ListPages(string callerId, PageRequest request)
    {
        await Authorize(callerId, Permission.View);
        await ReadAudioCountsAsync();
        return PagedResult<PageSummary>.From(Document.Pages, request);
    }

    private async Task ReadAudioCountsAsync()
    {
        if (_audioCountsRead || Document.Pages.Count == 0)
        {
            return;
        }

        var counts = await audioRecords.AudioCountsAsync(DocumentId);
        for (var i = 0; i < Document.Pages.Count; i++)
        {
            if (!_reportedPages.Contains(i + 1))
            {
                Document.Pages[i] = Document.Pages[i] with { AudioCount = counts.GetValueOrDefault(i + 1) };
            }
        }

        _audioCountsRead = true;
    }

    public async Task<PageView> GetPage(string callerId, int number)
    {
        await Authorize(callerId, Permission.View);
        if (number < 1 || number > Document.Pages.Count)
        {
            throw LectorException.NotFound("page.not_found");
        }

        var page = GrainFactory.Grain<IPageGrain>(PageKey.For(DocumentId, number));
        var content = await page.GetContent() ?? throw LectorException.NotFound("page.not_found");
        return await ViewAsync(content, await page.ListAudio());
    }

    public async Task<IReadOnlyList<Chapter>> ListChapters(string callerId)
    {
        await Authorize(callerId, Permission.View);
        return Document.Chapters;
    }

    public async Task<PageAudioList> GetPageAudio(string callerId, int number)
    {
        await Authorize(callerId, Permission.View);
        if (number < 1 || number > Document.Pages.Count)
        {
            throw LectorException.NotFound("page.not_found");
        }

        var page = GrainFactory.Grain<IPageGrain>(PageKey.For(DocumentId, number));
        var audio = page.ListAudio();
        var voices = page.ListVoices();
        var settings = siloSettings.GetAsync();
        return new PageAudioList(await audio, new AudioQuota((await settings).MaxAudiosPerPage, (await voices).Count));
    }

    public async Task<PageView> UpdatePage(string callerId, int number, string text)
    {
        await Authorize(callerId, Permission.Collaborate);
        if (number < 1 || number > Document.Pages.Count)
        {
            throw LectorException.NotFound("page.not_found");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw LectorException.Invalid("text", "page.empty");
        }

        if (text.Length > options.Value.Ingestion.MaxPageCharacters)
        {
            throw LectorException.Invalid("text", "page.too_long");
        }

        var page = GrainFactory.Grain<IPageGrain>(PageKey.For(DocumentId, number));
        var content = await page.UpdateText(text);
        Document.Pages[number - 1] = Summarize(content) with { AudioCount = Document.Pages[number - 1].AudioCount };
        Document.UpdatedAt = time.GetUtcNow();
        await _writes.RunAsync(state.WriteStateAsync);
        await PublishAsync();
        return await ViewAsync(content, await page.ListAudio());
    }

    public async Task<DocumentDetails> Update(string callerId, DocumentChanges changes)
    {
        await Authorize(callerId, Permission.Owner);
        var language = changes.Language is null ? null
            : LanguageTag.Parse(changes.Language) ?? throw LectorException.Invalid("language", "document.invalid_language");
        var title = changes.Title?.Trim();
        if (title is { Length: 0 })
        {
            throw LectorException.Invalid("title", "document.empty_title");
        }

        var retitled = title is not null && title != Document.Title;
        var respoken = language is not null && language != Document.Language;
        if (!retitled && !respoken)
        {
            return Details(Permission.Owner);
        }

        Document.Title = retitled ? title! : Document.Title;
        Document.Language = respoken ? language : Document.Language;
        Document.UpdatedAt = time.GetUtcNow();
        await _writes.RunAsync(state.WriteStateAsync);
        if (respoken)
        {
            // Audio made before was normalized and voiced for the old language.
            await Task.WhenAll(Enumerable.Range(1, Document.Pages.Count)
                .Select(n => GrainFactory.Grain<IPageGrain>(PageKey.For(DocumentId, n)).MarkAudioStale()));
        }

        await PublishAsync();
        return Details(Permission.Owner);
    }

    public async Task Delete(string callerId)
    {
        await Authorize(callerId, Permission.Owner);

        // Registered first (a resume of a document not deleting only drops the entry), and deleting only once stored:
        // a refused registration or write leaves the document as it was, readable and deletable again, instead of
        // gone for everyone in this activation yet still stored.
        await pendingWork.AddAsync(this.GetGrainId());
        Document.Deleting = true;
        try
        {
            await _writes.RunAsync(state.WriteStateAsync);
        }
        catch
        {
            Document.Deleting = false;
            throw;
        }

        Feed.AccessChanged().Ignore();
        await FinishDeleteAsync();
    }

    public async Task<ListeningPosition> SavePosition(string callerId, int page, int offsetMs, string voice)
    {
        await Authorize(callerId, Permission.View);
        if (page < 1 || page > Document.Pages.Count)
        {
            throw LectorException.Invalid("page", "position.no_such_page");
        }

        var position = new ListeningPosition(page, offsetMs, voice, time.GetUtcNow());
        await GrainFactory.Grain<ILibraryGrain>(callerId).SavePosition(DocumentId, position);
        return position;
    }

    public async Task<ListeningPosition> GetPosition(string callerId)
    {
        await Authorize(callerId, Permission.View);
        return await GrainFactory.Grain<ILibraryGrain>(callerId).GetPosition(DocumentId) ?? throw LectorException.NotFound("position.none");
    }

    public Task<DocumentReference?> Describe() => Task.FromResult(state.RecordExists && !Document.Deleting
        ? new DocumentReference(Document.OwnerId, Document.Title, Document.OriginalBlobKey, Document.Language, Document.Status, Document.Pages.Count, Document.UpdatedAt)
        : null);

    public async Task OnSpeechChanged()
    {
        if (!state.RecordExists || Document.Deleting)
        {
            return;
        }

        Document.UpdatedAt = time.GetUtcNow();
        await _writes.RunAsync(state.WriteStateAsync);
        await PublishAsync();
    }

    public Task OnPageAudioCountChanged(int number, int audioCount)
    {
        if (state.RecordExists && number >= 1 && number <= Document.Pages.Count)
        {
            Document.Pages[number - 1] = Document.Pages[number - 1] with { AudioCount = audioCount };
            _reportedPages.Add(number);
        }

        return Task.CompletedTask;
    }

    public async Task Resume()
    {
        if (!state.RecordExists)
        {
            await pendingWork.RemoveAsync(this.GetGrainId());
        }
        else if (Document.Deleting)
        {
            await FinishDeleteAsync();
        }
        else if (Document.Status == DocumentStatus.Processing)
        {
            StartIngestion();
        }
        else
        {
            await pendingWork.RemoveAsync(this.GetGrainId());
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Let a running ingestion finish within the shutdown budget; if it cannot, the pending-work entry resumes it.
        if (_ingestion is { IsCompleted: false } ingestion)
        {
            await ingestion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    private void StartIngestion()
    {
        if (_ingestion is null || _ingestion.IsCompleted)
        {
            _ingestion = IngestAsync();
        }
    }

    /// <summary>Traced (<c>document.ingest</c>) and measured (<see cref="IngestionMetrics"/>) around the work itself.</summary>
    private async Task IngestAsync()
    {
        using var activity = LectorDiagnostics.Source.StartActivity("document.ingest");
        activity?.SetTag("lector.document.id", DocumentId);
        activity?.SetTag("lector.document.format", Document.SourceType);
        var started = Stopwatch.GetTimestamp();
        var outcome = await ReadIntoPagesAsync();
        IngestionMetrics.Ended(Document.SourceType, outcome, Stopwatch.GetElapsedTime(started), outcome == IngestionMetrics.Ready ? Document.Pages.Count : 0);
        if (outcome != IngestionMetrics.Ready)
        {
            activity.Fail(outcome);
        }
    }

    /// <summary>How the ingestion ended: <see cref="IngestionMetrics.Ready"/> or the failure's code (being stopped throws).</summary>
    private async Task<string> ReadIntoPagesAsync()
    {
        try
        {
            var limits = options.Value.Ingestion;
            var original = await ReadBlobAsync(Document.OriginalBlobKey ?? throw new InvalidOperationException("The document has no original."));
            var parsed = await DocumentIngestion.ParseAsync(DocumentIngestion.ForSourceType(Document.SourceType), original, limits);

            // Pagination is CPU work too; keep it off this activation's turn.
            var (pages, chapters) = await Task.Run(() => TextPaginator.Paginate(parsed, options.Value.MaxPageCharacters));
            if (pages.All(p => p.CharCount == 0))
            {
                return await FailAsync(UploadErrors.NoText);
            }

            if (pages.Count > limits.MaxPages)
            {
                return await FailAsync(UploadErrors.TooManyPages);
            }

            if (pages.Any(p => p.CharCount > limits.MaxPageCharacters) || pages.Sum(p => (long)p.CharCount) > limits.MaxTextCharacters)
            {
                return await FailAsync(UploadErrors.TooMuchText);
            }

            foreach (var page in pages)
            {
                await GrainFactory.Grain<IPageGrain>(PageKey.For(DocumentId, page.Number)).Initialize(page);
            }

            Document.Pages = [.. pages.Select(Summarize)];
            Document.Chapters = [.. chapters];
            // A language the owner chose while the document was processing wins over what the document says of itself.
            Document.Language ??= parsed.Language ?? LanguageDetector.Detect(OpeningText(pages));
            Document.Status = DocumentStatus.Ready;
            Document.UpdatedAt = time.GetUtcNow();
            await _writes.RunAsync(state.WriteStateAsync);
            await GrainFactory.Statistics().DocumentsChanged(0, pages.Count);
            await PublishAsync();
            await pendingWork.RemoveAsync(this.GetGrainId());
            return IngestionMetrics.Ready;
        }
        catch (LectorException e)
        {
            return await FailAsync(e.Code);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogIngestionFailed(logger, e, DocumentId);
            return await FailAsync("document.ingestion_failed");
        }
    }

    /// <returns><paramref name="code"/>, for the ingestion's outcome.</returns>
    private async Task<string> FailAsync(string code)
    {
        Document.Status = DocumentStatus.Failed;
        Document.Error = new SafeError(code, UploadErrors.MessageFor(code));
        Document.UpdatedAt = time.GetUtcNow();
        await _writes.RunAsync(state.WriteStateAsync);
        await PublishAsync();
        await pendingWork.RemoveAsync(this.GetGrainId());
        var failure = new FailureRecord(Document.UpdatedAt, FailureKinds.Ingestion, DocumentId, null, Document.OwnerId, code, Document.Error.Message);
        await GrainFactory.ReportFailureAsync(failure, Document.Title, logger);
        return code;
    }

    private async Task FinishDeleteAsync()
    {
        if (_ingestion is { } ingestion)
        {
            await ingestion;
        }

        await Task.WhenAll(Enumerable.Range(1, Document.Pages.Count)
            .Select(n => GrainFactory.Grain<IPageGrain>(PageKey.For(DocumentId, n)).Purge()));
        if (Document.OriginalBlobKey is { } original)
        {
            await blobs.DeleteAsync(original);
        }

        await GrainFactory.Grain<IDocumentExportsMaintenanceGrain>(DocumentId).Purge();
        await GrainFactory.Grain<IDocumentLinksMaintenanceGrain>(DocumentId).RemoveAll();
        await GrainFactory.Grain<IDocumentPodcastFeedsMaintenanceGrain>(DocumentId).Purge();
        await Library.Remove(DocumentId);
        await Sharing.RemoveAll();
        var pageCount = Document.Pages.Count;
        await _writes.RunAsync(state.ClearStateAsync);
        await GrainFactory.Statistics().DocumentsChanged(-1, -pageCount);
        await pendingWork.RemoveAsync(this.GetGrainId());
        DeactivateOnIdle();
    }

    private async Task<byte[]> ReadBlobAsync(string key) =>
        await blobs.ReadAllAsync(key) ?? throw new InvalidOperationException("The blob is missing.");

    private static PageSummary Summarize(PageContent page) => new(page.Number, TextPaginator.Preview(page.Text), page.CharCount, 0, page.Label);

    private ILibraryGrain Library => GrainFactory.Grain<ILibraryGrain>(Document.OwnerId);

    private IDocumentSharingMaintenanceGrain Sharing => GrainFactory.Grain<IDocumentSharingMaintenanceGrain>(DocumentId);

    private IDocumentFeedGrain Feed => GrainFactory.Grain<IDocumentFeedGrain>(DocumentId);

    private async ValueTask<SharedAccess> SharedAccessAsync()
    {
        if (_sharedAccess is null)
        {
            Apply(await Sharing.GetSharedAccess());
        }

        return _sharedAccess!;
    }

    /// <summary>Keeps <paramref name="access"/> when it is newer than the copy held; true when it was.</summary>
    private bool Apply(SharedAccess access)
    {
        if (_sharedAccess is null || access.Version > _sharedAccess.Version)
        {
            _sharedAccess = access;
            return true;
        }

        return false;
    }

    /// <summary>
    /// An older Lector kept shares in the document's state. They are handed to the sharing grain, then cleared here; a
    /// crash between the two writes only repeats the hand-over, which the sharing grain accepts once.
    /// </summary>
    private async Task HandOverLegacySharesAsync()
    {
        Apply(await Sharing.AdoptLegacyShares([.. Document.Shares.Select(s => s.Value.ToInfo(s.Key, Document.OwnerId))]));
        Document.Shares.Clear();
        await _writes.RunAsync(state.WriteStateAsync);
    }

    /// <summary>Pushes the current summary to the owner's library and, through the sharing grain, to everyone it is shared with.</summary>
    private async Task PublishAsync()
    {
        var summary = Summary();
        Feed.Publish(DocumentEvent.Of(summary)).Ignore();
        await Task.WhenAll(Library.Upsert(summary), PublishToSharedWithMeAsync(summary));
    }

    private async Task PublishToSharedWithMeAsync(DocumentSummary summary)
    {
        if ((await SharedAccessAsync()).Permissions.Count > 0)
        {
            await Sharing.OnDocumentChanged(Document.OwnerId, summary);
        }
    }

    private DocumentSummary Summary() =>
        new(DocumentId, Document.Title, Document.Status, Document.Pages.Count, Document.CreatedAt, Document.UpdatedAt, Document.SourceType);

    private DocumentDetails Details(Permission permission) =>
        new(DocumentId, Document.Title, Document.Status, Document.Pages.Count, Document.SourceType, Document.CreatedAt, Document.UpdatedAt, permission, Document.Error, Document.Language);

    /// <summary>The page with its <c>speech</c>: what the engine is sent, the owner's lexicon applied.</summary>
    private async Task<PageView> ViewAsync(PageContent content, IReadOnlyList<AudioView> audio)
    {
        var lexicon = new PronunciationLexicon(await GrainFactory.Grain<ILexiconGrain>(Document.OwnerId).Get());
        return new(content, audio, PageSpeech.Of(content.Text, Document.Language, normalizer, lexicon).Text);
    }

    /// <summary>The first pages, as much as the language detector reads.</summary>
    private static string OpeningText(IEnumerable<PageContent> pages)
    {
        var text = new StringBuilder();
        foreach (var page in pages.TakeWhile(_ => text.Length < LanguageDetector.MaxCharacters))
        {
            text.Append(page.Text).Append("\n\n");
        }

        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion of document {DocumentId} failed")]
    private static partial void LogIngestionFailed(ILogger logger, Exception exception, string documentId);
}
