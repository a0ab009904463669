using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Exports;
using Lector.Grains.Speech;
using Lector.Grains.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Exports;

public sealed class ExportState
{
    /// <summary>Pending until the build ends, then completed or failed. Building is what an activation does, not a stored fact.</summary>
    public ExportStatus Status { get; set; }

    /// <summary>Who asked for the current build: its pages are made under their permission, and they may delete it.</summary>
    public string RequestedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Drawn at random for each build: it names the build's file, and tells its reports from an abandoned build's.</summary>
    public int Build { get; set; }

    public int PageCount { get; set; }

    /// <summary>The file of the last completed build; while a new one is built, the old file stays until the new one replaces it.</summary>
    public string? BlobKey { get; set; }

    public long? SizeBytes { get; set; }

    public long? DurationMs { get; set; }

    public List<ExportChapter> Chapters { get; set; } = [];

    /// <summary>The document's <c>UpdatedAt</c> when the build read its pages: the export is stale once the document's differs.</summary>
    public DateTimeOffset? DocumentVersion { get; set; }

    public SafeError? Error { get; set; }

    public ExportState Copy() => (ExportState)MemberwiseClone();
}

/// <summary>
/// One export of a document in one voice and format. Asking for it (a turn: access, a durable pending state listed as
/// pending work) starts a build off the grain (<see cref="ExportBuilder"/>), which reports its progress and its outcome
/// back as calls, so every state change happens in a turn. A build interrupted by a crash starts over when the export
/// resumes (at start-up or the pending-work sweep); while one should be running, a timer checks it is, and keeps the
/// activation alive. Staleness is judged against the document's version when asked, so editing a page costs nothing here.
/// </summary>
public sealed partial class ExportGrain(
    [PersistentState("export")] IPersistentState<ExportState> state,
    ExportBuilder builder,
    SpeechEngines engines,
    IBlobStore blobs,
    PendingWork pendingWork,
    IOptions<ExportOptions> options,
    TimeProvider time,
    ILogger<ExportGrain> logger) : Grain, IExportGrain, IExportMaintenanceGrain
{
    /// <summary>Progress events go out at most this often while the phase stays the same.</summary>
    private static readonly TimeSpan ProgressEventInterval = TimeSpan.FromSeconds(1);

    private readonly ExportBuildInFlight _build = new(builder, logger);

    private IGrainTimer? _watchdog;
    private ExportStatus _phase = ExportStatus.Pending;
    private int _done;
    private DateTimeOffset _lastProgressEvent;

    private ExportKey Key => ExportKey.FromGrainKey(this.GetPrimaryKeyString());

    private ExportState Export => state.State;

    private bool IsUnfinished => state.RecordExists && Export.Status == ExportStatus.Pending;

    private IDocumentGrain Document => GrainFactory.Grain<IDocumentGrain>(Key.DocumentId);

    private IDocumentExportsMaintenanceGrain Exports => GrainFactory.Grain<IDocumentExportsMaintenanceGrain>(Key.DocumentId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsUnfinished)
        {
            StartBuild();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The stored state still says pending: the build starts over wherever the export resumes, at once on the
        // silo it moves to when this one is stopping.
        await _build.StopAsync();
        _build.Dispose();
        await this.MoveIfSiloStops(reason, worthMoving: IsUnfinished);
    }

    public async Task<ExportRequestResult> Create(string callerId)
    {
        await Document.Authorize(callerId, Permission.Collaborate);
        var document = await Document.Describe() ?? throw LectorException.NotFound("document.not_found");
        if (IsUnfinished || (state.RecordExists && Export.Status == ExportStatus.Completed && !IsStale(document)))
        {
            return new ExportRequestResult(View(document), Created: false);
        }

        if (document.Status != DocumentStatus.Ready)
        {
            throw new LectorException(ErrorKind.Conflict, "document.not_ready");
        }

        if (await engines.ResolveAsync(Key.Voice, CancellationToken.None) is null)
        {
            throw LectorException.Invalid("voice", "voice.not_found");
        }

        if (!state.RecordExists && !await Exports.Track(this.GetPrimaryKeyString()))
        {
            throw new LectorException(ErrorKind.QuotaExceeded, "export.limit_reached");
        }

        var previous = state.State;
        state.State = new ExportState
        {
            Status = ExportStatus.Pending,
            RequestedBy = callerId,
            CreatedAt = time.GetUtcNow(),
            Build = NextBuild(previous.Build),
            PageCount = document.PageCount,
            BlobKey = previous.BlobKey,
        };

        // Listed as pending work before the state says pending, so a crash in between never strands the export.
        await pendingWork.AddAsync(this.GetGrainId());
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        StartBuild();
        Announce(document);
        return new ExportRequestResult(View(document), Created: true);
    }

    public async Task<ExportView> Get(string callerId)
    {
        await AuthorizeAsync(callerId);
        return View(await Document.Describe());
    }

    public async Task<AudioContent> OpenContent(string callerId)
    {
        await AuthorizeAsync(callerId);
        if (Export.Status != ExportStatus.Completed || Export.BlobKey is not { } blobKey)
        {
            throw new LectorException(ErrorKind.Conflict, "export.not_ready");
        }

        return new AudioContent(blobKey, Key.Format.ContentType(), Key.Format.Name());
    }

    public async Task Delete(string callerId)
    {
        // Anyone who may see the export learns it exists; only the owner and whoever asked for it may remove it.
        if (await AuthorizeAsync(callerId) != Permission.Owner && callerId != Export.RequestedBy)
        {
            throw LectorException.NotFound("export.not_found");
        }

        await RemoveAsync();
        await Exports.Forget(this.GetPrimaryKeyString());
    }

    public async Task<ExportView?> Peek() => state.RecordExists ? View(await Document.Describe()) : null;

    /// <summary>Not forgotten by the document's list here: the list purges its exports and then forgets them all itself.</summary>
    public async Task Purge()
    {
        if (state.RecordExists)
        {
            await RemoveAsync();
        }
    }

    public async Task Resume()
    {
        if (IsUnfinished)
        {
            StartBuild();
        }
        else
        {
            await pendingWork.RemoveAsync(this.GetGrainId());
        }
    }

    public Task Progressed(int build, ExportStatus phase, int done)
    {
        if (IsUnfinished && build == Export.Build && _build.IsRunning)
        {
            var now = time.GetUtcNow();
            var phaseChanged = phase != _phase;
            _phase = phase;
            _done = done;
            if (phaseChanged || now - _lastProgressEvent >= ProgressEventInterval)
            {
                _lastProgressEvent = now;
                Announce(null);
            }
        }

        return Task.CompletedTask;
    }

    public async Task BuildEnded(int build, ExportBuildResult result)
    {
        if (!IsUnfinished || build != Export.Build)
        {
            // An abandoned build (of an export since removed or built again): its file is nobody's.
            if (result.Built is { } abandoned && abandoned.BlobKey != Export.BlobKey)
            {
                await blobs.DeleteAsync(abandoned.BlobKey);
            }

            return;
        }

        _build.End();
        var stored = Export.Copy();
        var replaced = Export.BlobKey;
        if (result.Built is { } built)
        {
            Export.Status = ExportStatus.Completed;
            Export.BlobKey = built.BlobKey;
            Export.SizeBytes = built.SizeBytes;
            Export.DurationMs = built.DurationMs;
            Export.Chapters = [.. built.Chapters];
            Export.DocumentVersion = built.DocumentVersion;
        }
        else
        {
            Export.Status = ExportStatus.Failed;
            Export.Error = result.Error ?? ExportErrors.EncodingFailed;
            LogBuildFailed(logger, this.GetPrimaryKeyString(), Export.Error.Code);
        }

        Export.FinishedAt = time.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Storage still says pending: the watchdog builds again (the same file key, so nothing is left behind).
            state.State = stored;
            throw;
        }

        if (replaced is not null && replaced != Export.BlobKey)
        {
            await blobs.DeleteAsync(replaced);
        }

        StopWatchdog();
        await pendingWork.RemoveAsync(this.GetGrainId());
        Announce(await Document.Describe());
    }

    private void StartBuild()
    {
        if (!_build.IsRunning)
        {
            _phase = ExportStatus.Pending;
            _done = 0;
            _build.Start(Key, Export.Build, Export.RequestedBy, this.AsReference<IExportMaintenanceGrain>());
        }

        var interval = options.Value.RecheckInterval;
        _watchdog ??= this.RegisterGrainTimer(CheckBuildAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    /// <summary>A build that stopped without an outcome (interrupted by the cluster or a store) starts again.</summary>
    private Task CheckBuildAsync(CancellationToken cancellationToken)
    {
        if (IsUnfinished)
        {
            StartBuild();
        }
        else
        {
            StopWatchdog();
        }

        return Task.CompletedTask;
    }

    private void StopWatchdog()
    {
        _watchdog?.Dispose();
        _watchdog = null;
    }

    /// <summary>Stops the build, then removes the files (the last completed one and the current build's), then the state.</summary>
    private async Task RemoveAsync()
    {
        await _build.StopAsync();
        StopWatchdog();
        foreach (var blobKey in new[] { Export.BlobKey, BlobKeys.Export(Key.DocumentId, Key.Format.Name(), Key.Voice, Export.Build) }.OfType<string>().Distinct())
        {
            await blobs.DeleteAsync(blobKey);
        }

        await state.ClearStateAsync();
        await pendingWork.RemoveAsync(this.GetGrainId());
        DeactivateOnIdle();
    }

    /// <summary>Viewers and up see the export; the caller's permission, for the rules stricter than that.</summary>
    private async Task<Permission> AuthorizeAsync(string callerId)
    {
        var permission = await Document.Authorize(callerId, Permission.View);
        return state.RecordExists ? permission : throw LectorException.NotFound("export.not_found");
    }

    private bool IsStale(DocumentReference? document) =>
        Export.Status == ExportStatus.Completed && document is not null && document.UpdatedAt != Export.DocumentVersion;

    /// <summary>Tells the document's event feed; one-way, so the export never waits on readers.</summary>
    private void Announce(DocumentReference? document) =>
        GrainFactory.Grain<IDocumentFeedGrain>(Key.DocumentId).Publish(DocumentEvent.Of(View(document))).Ignore();

    private ExportView View(DocumentReference? document) => new(
        Key.PublicId,
        Key.DocumentId,
        Key.Voice,
        Key.Format,
        IsUnfinished ? _phase : Export.Status,
        new ExportProgress(Export.Status == ExportStatus.Completed ? Export.PageCount : _done, Export.PageCount),
        Export.SizeBytes,
        Export.DurationMs,
        Export.Chapters,
        IsStale(document),
        Export.Error,
        Export.RequestedBy,
        Export.CreatedAt,
        Export.FinishedAt);

    private static int NextBuild(int previous)
    {
        int build;
        do
        {
            build = Random.Shared.Next(1, int.MaxValue);
        }
        while (build == previous);
        return build;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {ExportKey} failed with {Code}")]
    private static partial void LogBuildFailed(ILogger logger, string exportKey, string code);
}
