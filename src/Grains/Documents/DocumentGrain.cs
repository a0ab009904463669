using System.Text;
using Lector.Abstractions;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Work;
using Lector.Grains.Blobs;
using Lector.Grains.Ingestion;
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

    /// <summary>The uploaded file, or the pasted text as UTF-8; parsed from here, so an interrupted ingestion can start over.</summary>
    public string? OriginalBlobKey { get; set; }

    public List<PageSummary> Pages { get; set; } = [];

    /// <summary>Set before a delete starts, so a delete interrupted by a crash is finished at start-up.</summary>
    public bool Deleting { get; set; }
}

public sealed partial class DocumentGrain(
    [PersistentState("document")] IPersistentState<DocumentState> state,
    IBlobStore blobs,
    IOptions<LectorOptions> options,
    TimeProvider time,
    PendingWork pendingWork,
    ILogger<DocumentGrain> logger) : Grain, IDocumentGrain
{
    private readonly SerializedWrites _writes = new();
    private Task? _ingestion;

    private string DocumentId => this.GetPrimaryKeyString();

    private DocumentState Document => state.State;

    public async Task<DocumentDetails> Create(NewDocument document)
    {
        if (state.RecordExists)
        {
            throw new LectorException(ErrorKind.Conflict, "document.exists");
        }

        IDocumentParser parser;
        byte[] original;
        if (document.Text is not null)
        {
            if (string.IsNullOrWhiteSpace(document.Text))
            {
                throw LectorException.Invalid("text", "document.empty");
            }

            parser = DocumentIngestion.PastedText;
            original = Encoding.UTF8.GetBytes(document.Text);
        }
        else
        {
            // The upload is staged; it becomes the original only once it is known to be acceptable, so a refusal stores nothing.
            var uploadKey = document.OriginalBlobKey ?? throw new ArgumentException("A document needs text or an upload.", nameof(document));
            original = await ReadBlobAsync(uploadKey);
            parser = await DocumentIngestion.InspectAsync(original, options.Value.Ingestion);
        }

        var now = time.GetUtcNow();
        var fileName = document.FileName is null ? null : FileNames.Sanitize(document.FileName);
        state.State = new DocumentState
        {
            OwnerId = document.OwnerId,
            Title = document.Title.Length > 0 ? document.Title : fileName ?? FileNames.Fallback,
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

        await pendingWork.AddAsync(this.GetGrainId());
        await _writes.RunAsync(state.WriteStateAsync);
        await Library.Upsert(Summary());
        StartIngestion();
        return Details(Permission.Owner);
    }

    public async Task<DocumentDetails> Get(string callerId) => Details(await Authorize(callerId, Permission.View));

    public Task<Permission> Authorize(string callerId, Permission required)
    {
        var permission = state.RecordExists && !Document.Deleting && Document.OwnerId == callerId ? Permission.Owner : Permission.None;
        if (permission < required || permission == Permission.None)
        {
            throw LectorException.NotFound("document.not_found");
        }

        return Task.FromResult(permission);
    }

    public async Task<PagedResult<PageSummary>> ListPages(string callerId, PageRequest request)
    {
        await Authorize(callerId, Permission.View);
        return PagedResult<PageSummary>.From(Document.Pages, request);
    }

    public async Task<PageView> GetPage(string callerId, int number)
    {
        await Authorize(callerId, Permission.View);
        if (number < 1 || number > Document.Pages.Count)
        {
            throw LectorException.NotFound("page.not_found");
        }

        var page = GrainFactory.GetGrain<IPageGrain>(PageKey.For(DocumentId, number));
        var content = await page.GetContent() ?? throw LectorException.NotFound("page.not_found");
        return new PageView(content, await page.ListAudio());
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

        if (text.Length > options.Value.MaxPageCharacters)
        {
            throw LectorException.Invalid("text", "page.too_long");
        }

        var page = GrainFactory.GetGrain<IPageGrain>(PageKey.For(DocumentId, number));
        var content = await page.UpdateText(text);
        Document.Pages[number - 1] = Summarize(content) with { AudioCount = Document.Pages[number - 1].AudioCount };
        Document.UpdatedAt = time.GetUtcNow();
        await _writes.RunAsync(state.WriteStateAsync);
        await Library.Upsert(Summary());
        return new PageView(content, await page.ListAudio());
    }

    public async Task Delete(string callerId)
    {
        await Authorize(callerId, Permission.Owner);
        Document.Deleting = true;
        await pendingWork.AddAsync(this.GetGrainId());
        await _writes.RunAsync(state.WriteStateAsync);
        await FinishDeleteAsync();
    }

    public async Task OnPageAudioCountChanged(int number, int audioCount)
    {
        if (!state.RecordExists || number < 1 || number > Document.Pages.Count)
        {
            return;
        }

        Document.Pages[number - 1] = Document.Pages[number - 1] with { AudioCount = audioCount };
        await _writes.RunAsync(state.WriteStateAsync);
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

    private async Task IngestAsync()
    {
        try
        {
            var limits = options.Value.Ingestion;
            var original = await ReadBlobAsync(Document.OriginalBlobKey ?? throw new InvalidOperationException("The document has no original."));
            var sections = await DocumentIngestion.ParseAsync(DocumentIngestion.ForSourceType(Document.SourceType), original, limits);

            // Pagination is CPU work too; keep it off this activation's turn.
            var pages = await Task.Run(() => TextPaginator.Paginate(sections, options.Value.MaxPageCharacters));
            if (pages.Count == 0)
            {
                await FailAsync(UploadErrors.NoText);
                return;
            }

            if (pages.Count > limits.MaxPages)
            {
                await FailAsync(UploadErrors.TooManyPages);
                return;
            }

            foreach (var page in pages)
            {
                await GrainFactory.GetGrain<IPageGrain>(PageKey.For(DocumentId, page.Number)).Initialize(page);
            }

            Document.Pages = [.. pages.Select(Summarize)];
            Document.Status = DocumentStatus.Ready;
            Document.UpdatedAt = time.GetUtcNow();
            await _writes.RunAsync(state.WriteStateAsync);
            await Library.Upsert(Summary());
            await pendingWork.RemoveAsync(this.GetGrainId());
        }
        catch (LectorException e)
        {
            await FailAsync(e.Code);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogIngestionFailed(logger, e, DocumentId);
            await FailAsync("document.ingestion_failed");
        }
    }

    private async Task FailAsync(string code)
    {
        Document.Status = DocumentStatus.Failed;
        Document.Error = new SafeError(code, UploadErrors.MessageFor(code));
        Document.UpdatedAt = time.GetUtcNow();
        await _writes.RunAsync(state.WriteStateAsync);
        await Library.Upsert(Summary());
        await pendingWork.RemoveAsync(this.GetGrainId());
    }

    private async Task FinishDeleteAsync()
    {
        if (_ingestion is { } ingestion)
        {
            await ingestion;
        }

        await Task.WhenAll(Enumerable.Range(1, Document.Pages.Count)
            .Select(n => GrainFactory.GetGrain<IPageGrain>(PageKey.For(DocumentId, n)).Purge()));
        if (Document.OriginalBlobKey is { } original)
        {
            await blobs.DeleteAsync(original);
        }

        await Library.Remove(DocumentId);
        await _writes.RunAsync(state.ClearStateAsync);
        await pendingWork.RemoveAsync(this.GetGrainId());
        DeactivateOnIdle();
    }

    private async Task<byte[]> ReadBlobAsync(string key)
    {
        await using var blob = await blobs.OpenReadAsync(key) ?? throw new InvalidOperationException("The blob is missing.");
        using var buffer = new MemoryStream();
        await blob.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static PageSummary Summarize(PageContent page) => new(page.Number, TextPaginator.Preview(page.Text), page.CharCount, 0);

    private ILibraryGrain Library => GrainFactory.GetGrain<ILibraryGrain>(Document.OwnerId);

    private DocumentSummary Summary() =>
        new(DocumentId, Document.Title, Document.Status, Document.Pages.Count, Document.CreatedAt, Document.UpdatedAt);

    private DocumentDetails Details(Permission permission) =>
        new(DocumentId, Document.Title, Document.Status, Document.Pages.Count, Document.SourceType, Document.CreatedAt, Document.UpdatedAt, permission, Document.Error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion of document {DocumentId} failed")]
    private static partial void LogIngestionFailed(ILogger logger, Exception exception, string documentId);
}
