using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Notifications;
using Lector.Grains.Admin;
using Lector.Grains.Lifecycle;
using Lector.Grains.Speech;
using Lector.Grains.Work;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Storage;

namespace Lector.Grains.Audio;

/// <summary>
/// The one audio of a (document, page, voice). Requests are turns of this single activation, so racing requests
/// see the first one's state and join its synthesis. A completed page costs two state writes: the accepted request
/// (pending) and the commit. The database's audio table follows every write, so pending work, retention and the
/// page's voices are found there instead of in index grains. Rendering runs off the grain (<see cref="PageRenderer"/>)
/// and hands its result back through a call, so every state change happens in a turn.
/// Placed at random: syntheses of one document then spread over every silo, and so over every silo's share of a
/// provider's quota, instead of piling onto the silo that placed them (which a burst of new activations does).
/// An unfinished audio whose silo stops moves to another silo with what it holds only in memory (a job's request not
/// written yet, its listeners) and renders there at once.
/// </summary>
[RandomPlacement]
public sealed class PageVoiceGrain(
    [PersistentState("audio")] IPersistentState<PageVoiceState> state,
    PageRenderer renderer,
    SpeechEngines engines,
    IBlobStore blobs,
    IAudioLifecycleSettings lifecycle,
    SiloSettings settings,
    TimeProvider time,
    ILogger<PageVoiceGrain> logger) : Grain, IPageVoiceGrain, IPageVoiceMaintenanceGrain, IGrainMigrationParticipant
{
    private const string UnwrittenKey = "lector.unwritten";
    private const string ListenersKey = "lector.listeners";
    private const string RetentionKey = "lector.retention";

    /// <summary>How fine the play clock is: plays within this of the last recorded one do not write it again.</summary>
    private static readonly TimeSpan PlayClockResolution = TimeSpan.FromHours(1);

    private readonly List<IAudioListener> _listeners = [];
    private readonly RenderingInFlight _rendering = new(renderer, logger);

    private AudioLifecycleSettings? _retention;

    /// <summary>The status the statistics last heard of, so each change is counted once.</summary>
    private AudioStatus? _reportedStatus;

    private AudioKey Key => AudioKey.FromGrainKey(this.GetPrimaryKeyString());

    private PageVoiceState Audio => state.State;

    /// <summary>
    /// Accepted for a whole-document job and not written yet: the job's record stands for the request until the
    /// commit, which is then this audio's first write.
    /// </summary>
    private bool _unwritten;

    /// <summary>This activation took over from one on a silo that stopped (it was migrated here).</summary>
    private bool _movedHere;

    /// <summary>A soft-deleted record is, to callers, no audio at all.</summary>
    private bool Exists => (state.RecordExists || _unwritten) && Audio.DeletedAt is null;

    private bool IsRendering => _rendering.IsRunning;

    private bool IsUnfinished => Exists && Audio.Status is AudioStatus.Pending or AudioStatus.Generating;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _reportedStatus = Exists ? Audio.Status : null;

        // A moved activation brought the settings: the move waits for this activation, and the settings grain may be
        // moving in the same batch.
        _retention ??= await lifecycle.GetAsync();
        if (_movedHere && IsUnfinished)
        {
            StartRendering();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Give a running rendering the shutdown budget to finish, and commit what it made here: its hand-back call
        // would only reach the next activation, after a job may already have asked for the page again. What does
        // not finish is stopped; the stored state (or the job) still says pending, and the work resumes elsewhere.
        if (await _rendering.WaitForUnappliedAsync(cancellationToken) is { } rendered && IsUnfinished)
        {
            try
            {
                await CommitAsync(rendered);
            }
            catch (Exception e)
            {
                RenderingInFlight.LogInterrupted(logger, e, this.GetPrimaryKeyString());
            }
        }

        await _rendering.StopAsync();
        _rendering.Dispose();
        await this.MoveIfSiloStops(reason, worthMoving: IsUnfinished);
    }

    public void OnDehydrate(IDehydrationContext migrationContext)
    {
        migrationContext.TryAddValue(UnwrittenKey, _unwritten);
        migrationContext.TryAddValue(ListenersKey, _listeners);
        if (_retention is { } retention)
        {
            migrationContext.TryAddValue(RetentionKey, (retention.RetentionDays, retention.ExpiryWarningDays, retention.AutoDeleteExpired));
        }
    }

    public void OnRehydrate(IRehydrationContext migrationContext)
    {
        _movedHere = true;
        migrationContext.TryGetValue(UnwrittenKey, out _unwritten);
        if (migrationContext.TryGetValue<List<IAudioListener>>(ListenersKey, out var listeners) && listeners is not null)
        {
            _listeners.AddRange(listeners);
        }

        if (migrationContext.TryGetValue<(int Days, int WarningDays, bool AutoDelete)>(RetentionKey, out var retention))
        {
            _retention = new AudioLifecycleSettings(retention.Days, retention.WarningDays, retention.AutoDelete);
        }
    }

    public Task<AudioRequestResult> Request(string callerId) => RequestAsync(callerId, job: null);

    public async Task<AudioView?> RequestExisting(string callerId)
    {
        await Authorize(callerId, Permission.Collaborate, mustExist: false);
        return Exists && !Audio.Stale && !Audio.Expired && !_unwritten ? View() : null;
    }

    public async Task<AudioRequestResult> RequestForJob(string callerId, IAudioListener job)
    {
        var result = await RequestAsync(callerId, job);
        ListenWhileUnfinished(job);
        return result;
    }

    private async Task<AudioRequestResult> RequestAsync(string callerId, IAudioListener? job)
    {
        await Authorize(callerId, Permission.Collaborate, mustExist: false);
        if (Exists)
        {
            if ((Audio.Stale || Audio.Expired) && !IsRendering)
            {
                // A regenerated audio is a new rendering, made again by the engine (the blob the record points at is
                // never taken for it): its retention clock starts over.
                Audio.Stale = false;
                Audio.Expired = false;
                Audio.WarnedForExpiry = null;
                Audio.CreatedAt = time.GetUtcNow();
                Audio.LastPlayedAt = null;
                await StartAsync();
                return new AudioRequestResult(View(), Created: true);
            }

            if (_unwritten && job is null)
            {
                // A job's request became someone's: it must now survive a crash on its own.
                await WriteAsync();
            }

            return new AudioRequestResult(View(), Created: false);
        }

        if (await engines.ResolveAsync(Key.Voice, CancellationToken.None) is null)
        {
            throw LectorException.Invalid("voice", "voice.not_found");
        }

        // The slot is held in the page's memory until this audio's record is written; from then on the record
        // itself holds it (the page counts records when it activates).
        if (!await Page.ReserveVoice(Key.Voice, (await settings.GetAsync()).MaxAudiosPerPage))
        {
            throw new LectorException(ErrorKind.QuotaExceeded, "audio.quota_exceeded");
        }

        var previous = state.State;
        state.State = new PageVoiceState { CreatedAt = time.GetUtcNow() };
        if (job is not null)
        {
            // The job's own durable record stands for this request (it asks again after a crash), so the audio's
            // first write is its commit.
            _unwritten = true;
            Audio.Status = AudioStatus.Pending;
            await ReportStatusAsync();
            StartRendering();
            return new AudioRequestResult(View(), Created: true);
        }

        try
        {
            await StartAsync();
        }
        catch
        {
            state.State = previous;
            await Page.ReleaseVoice(Key.Voice);
            throw;
        }

        return new AudioRequestResult(View(), Created: true);
    }

    public async Task<AudioView> Get(string callerId)
    {
        await Authorize(callerId, Permission.View);
        await HealIfOrphanedAsync();
        return View();
    }

    public Task<AudioView?> Peek() => Task.FromResult(Exists ? View() : null);

    public Task<AudioContent?> PeekContent() => Task.FromResult(
        Exists && Audio is { Status: AudioStatus.Completed, Stale: false, BlobKey: { } blobKey }
            ? new AudioContent(blobKey, AudioFormats.ContentTypeOf(Audio.Format), Audio.Format)
            : null);

    public async Task<AudioView?> Watch(IAudioListener listener)
    {
        await HealIfOrphanedAsync();
        ListenWhileUnfinished(listener);
        return Exists ? View() : null;
    }

    /// <summary>Listeners of an unfinished audio hear of its end; of a finished one, they already have it in the answer.</summary>
    private void ListenWhileUnfinished(IAudioListener listener)
    {
        if (IsUnfinished && !_listeners.Contains(listener))
        {
            _listeners.Add(listener);
        }
    }

    public async Task<AudioContent> OpenContent(string callerId)
    {
        await Authorize(callerId, Permission.View);
        if (Audio.Status != AudioStatus.Completed || Audio.BlobKey is null)
        {
            throw new LectorException(ErrorKind.Conflict, "audio.not_ready");
        }

        // A play restarts the retention clock; the audio table follows the write, so retention sees the new clock.
        // Retention counts in days and a player fetches one playback in many ranges, so the clock is written at
        // most once per PlayClockResolution (and always when it revives an expiring or expired audio).
        var now = time.GetUtcNow();
        if (Audio.Expired || Audio.WarnedForExpiry is not null || Audio.LastPlayedAt is not { } played || now - played >= PlayClockResolution)
        {
            var stored = Audio.Copy();
            Audio.LastPlayedAt = now;
            Audio.Expired = false;
            Audio.WarnedForExpiry = null;
            try
            {
                await WriteAsync(stored);
            }
            catch (StorageUnavailableException)
            {
                // Stored audio plays while the database is away; the play goes unrecorded, and the next one records it.
            }
        }

        return new AudioContent(Audio.BlobKey, AudioFormats.ContentTypeOf(Audio.Format), Audio.Format);
    }

    public async Task<string> OpenMarks(string callerId)
    {
        await Authorize(callerId, Permission.View);
        if (Audio.Status != AudioStatus.Completed)
        {
            throw new LectorException(ErrorKind.Conflict, "audio.not_ready");
        }

        return Audio.MarksBlobKey ?? throw LectorException.NotFound("audio.no_marks");
    }

    public async Task<AudioView> Retry(string callerId)
    {
        await Authorize(callerId, Permission.Collaborate);
        if (Audio.Status != AudioStatus.Failed)
        {
            throw new LectorException(ErrorKind.Conflict, "audio.not_failed");
        }

        await StartAsync();
        return View();
    }

    public async Task Delete(string callerId)
    {
        await Authorize(callerId, Permission.Collaborate);
        await SoftDeleteAsync("user");
    }

    public async Task Rendered(long rendering, RenderedAudio audio)
    {
        if (!IsCurrent(rendering) && !await AdoptAsync())
        {
            await DropUnusedAsync(audio);
            return;
        }

        await CommitAsync(audio);
    }

    private async Task CommitAsync(RenderedAudio audio)
    {
        _rendering.End();
        var before = Audio.Copy();
        Audio.Status = AudioStatus.Completed;
        Audio.BlobKey = audio.BlobKey;
        Audio.MarksBlobKey = audio.MarksBlobKey;
        Audio.Format = audio.Format;
        Audio.DurationMs = audio.DurationMs;
        Audio.SizeBytes = audio.SizeBytes;
        Audio.Engine = audio.Engine;
        Audio.BilledCharacters = audio.BilledCharacters;

        // When the write fails, memory goes back to what is stored, and the new blob is NOT deleted here: its key
        // is deterministic, so during a membership change another activation of this grain may have committed
        // state that points at this very object. An object nothing points to is an orphan the reconciler removes
        // after its grace period; the stored state still says pending, so the pending-work sweep renders again.
        await WriteAsync(before);

        await DeleteBlobsAsync([before.BlobKey, before.MarksBlobKey], keep: [audio.BlobKey, audio.MarksBlobKey]);

        await FinishedAsync();
        await GrainFactory.Statistics().CharactersSynthesized(audio.Engine, audio.SpokenCharacters, time.GetUtcNow());
    }

    public async Task RenderingFailed(long rendering, SafeError error)
    {
        if (!IsCurrent(rendering))
        {
            return;
        }

        _rendering.End();
        var before = Audio.Copy();
        Audio.Status = AudioStatus.Failed;
        Audio.Error = error;
        await WriteAsync(before);
        await FinishedAsync();
        await ReportFailureAsync(error);
    }

    public async Task ApplyRetention()
    {
        if (!Exists || Audio.Status != AudioStatus.Completed)
        {
            return;
        }

        var retention = _retention = await lifecycle.GetAsync();
        var clockStart = Audio.LastPlayedAt ?? Audio.CreatedAt;
        var expiresAt = retention.ExpiresAt(clockStart);
        var now = time.GetUtcNow();
        if (now >= expiresAt)
        {
            if (retention.AutoDeleteExpired)
            {
                await SoftDeleteAsync("expired");
            }
            else if (!Audio.Expired)
            {
                Audio.Expired = true;
                await WriteAsync();
            }
        }
        else if (now >= retention.WarnAt(clockStart) && Audio.WarnedForExpiry != expiresAt)
        {
            await WarnOwnerAsync(expiresAt);
            Audio.WarnedForExpiry = expiresAt;
            await WriteAsync();
        }
    }

    public async Task<bool> CheckBlobs()
    {
        if (!Exists || Audio.Status != AudioStatus.Completed || Audio.BlobKey is not { } blobKey || await blobs.ExistsAsync(blobKey))
        {
            return false;
        }

        // The bytes are gone (lost, or deleted behind our back): say so, and let a retry make them again.
        Audio.Status = AudioStatus.Failed;
        Audio.Error = new SafeError("audio.blob_missing", "The audio file is missing; retry to generate it again.");
        Audio.BlobKey = null;
        Audio.MarksBlobKey = null;
        await WriteAsync();
        await ReportStatusAsync();
        return true;
    }

    public async Task MarkStale()
    {
        if (Exists && !Audio.Stale)
        {
            Audio.Stale = true;
            await WriteAsync();
            Announce();
        }
    }

    public async Task Purge()
    {
        if (!state.RecordExists && !_unwritten)
        {
            return;
        }

        await _rendering.StopAsync();
        await DeleteBlobsAsync([Audio.BlobKey, Audio.MarksBlobKey]);

        _unwritten = false;
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        await ReportStatusAsync();
        DeactivateOnIdle();
    }

    public async Task Resume()
    {
        if (state.RecordExists && Audio.DeletedAt is not null && (Audio.BlobKey ?? Audio.MarksBlobKey) is not null)
        {
            await FinishSoftDeleteAsync();
        }
        else if (IsUnfinished)
        {
            StartRendering();
        }
    }

    /// <summary>
    /// Pending work this activation is not doing may be stale state (another activation finished it during a
    /// membership change) or orphaned (its activation died and the sweep has not come yet): re-read, and resume
    /// whatever is still unfinished, so a reader never watches an audio that nobody works on.
    /// </summary>
    private async Task HealIfOrphanedAsync()
    {
        if (IsUnfinished && !IsRendering)
        {
            if (!_unwritten)
            {
                await state.ReadStateAsync();
            }

            if (IsUnfinished)
            {
                StartRendering();
            }
        }
    }

    /// <summary>The accepted request: durable (and so listed as pending work) before the rendering starts.</summary>
    private async Task StartAsync()
    {
        var before = Audio.Copy();
        Audio.Status = AudioStatus.Pending;
        Audio.Error = null;
        await WriteAsync(before);
        await ReportStatusAsync();
        Announce();
        StartRendering();
    }

    /// <summary>
    /// Audio already stored for the page's speech stands for the rendering unless the record points at it (a
    /// regeneration, even one resumed after a crash): a rendering resumed after a crash finds what the interrupted one
    /// stored (its silo killed after the blob was written, a job's page whose first write was to be the commit), and
    /// the engine is not paid twice.
    /// </summary>
    private void StartRendering()
    {
        if (IsRendering)
        {
            return;
        }

        // Generating is what this activation does, not a stored fact: storage keeps saying pending until the commit.
        Audio.Status = AudioStatus.Generating;
        ReportStatusAsync().Ignore();
        Announce();
        _rendering.Start(Key, GrainFactory, this.AsReference<IPageVoiceMaintenanceGrain>(), Audio.BlobKey);
    }

    /// <summary>A result belongs to the current rendering, or, when this activation renders nothing, to an earlier activation's.</summary>
    private bool IsCurrent(long rendering) => IsUnfinished && (rendering == _rendering.Current || !IsRendering);

    /// <summary>
    /// A rendering of an earlier activation (one that deactivated while its rendering finished, say on a graceful
    /// stop) for an audio a job requested and nothing has written yet: this activation takes it over, with the slot,
    /// rather than render the page again. Refused when the slot is gone or the page is.
    /// </summary>
    private async Task<bool> AdoptAsync()
    {
        if (state.RecordExists || _unwritten || IsRendering)
        {
            return false;
        }

        try
        {
            if (!await Page.ReserveVoice(Key.Voice, (await settings.GetAsync()).MaxAudiosPerPage))
            {
                return false;
            }
        }
        catch (LectorException e) when (e.Kind == ErrorKind.NotFound)
        {
            return false;
        }

        state.State = new PageVoiceState { CreatedAt = time.GetUtcNow(), Status = AudioStatus.Pending };
        _unwritten = true;
        return true;
    }

    /// <summary>Blobs of a rendering overtaken by a delete: nothing points to them; orphans of a stale rendering are left to the reconciler.</summary>
    private async Task DropUnusedAsync(RenderedAudio audio)
    {
        if (state.RecordExists && !Exists)
        {
            await DeleteBlobsAsync([audio.BlobKey, audio.MarksBlobKey]);
        }
    }

    /// <summary>Deletes the blobs named (audio and marks; null: none), except those in <paramref name="keep"/>.</summary>
    private async Task DeleteBlobsAsync(string?[] blobKeys, string?[]? keep = null)
    {
        foreach (var blobKey in blobKeys.OfType<string>().Where(k => keep?.Contains(k) != true))
        {
            await blobs.DeleteAsync(blobKey);
        }
    }

    /// <summary>Tells whoever waits that the audio is done: listeners, the document's feed, the statistics.</summary>
    private async Task FinishedAsync()
    {
        var view = View();
        foreach (var listener in _listeners)
        {
            listener.AudioFinished(view).Ignore();
        }

        _listeners.Clear();
        Announce();
        await ReportStatusAsync();
    }

    /// <summary>Writes the state; when the write fails, memory goes back to <paramref name="stored"/> (what storage still holds).</summary>
    private async Task WriteAsync(PageVoiceState? stored = null)
    {
        try
        {
            await state.WriteStateAsync();
            _unwritten = false;
        }
        catch (InconsistentStateException)
        {
            DeactivateOnIdle();
            throw;
        }
        catch when (stored is not null)
        {
            state.State = stored;
            throw;
        }
    }

    /// <summary>
    /// The decision is written first, with the blob keys: a crash part-way leaves a deleted record still naming
    /// blobs, which the pending-work sweep finds and <see cref="Resume"/> finishes. The record no longer holds a
    /// slot from that first write on.
    /// </summary>
    private async Task SoftDeleteAsync(string reason)
    {
        await _rendering.StopAsync();
        Audio.DeletedAt = time.GetUtcNow();
        Audio.DeletedReason = reason;
        await WriteAsync();
        await FinishSoftDeleteAsync();
    }

    private async Task FinishSoftDeleteAsync()
    {
        await DeleteBlobsAsync([Audio.BlobKey, Audio.MarksBlobKey]);

        await Page.ReleaseVoice(Key.Voice);
        state.State = new PageVoiceState { CreatedAt = Audio.CreatedAt, LastPlayedAt = Audio.LastPlayedAt, DeletedAt = Audio.DeletedAt, DeletedReason = Audio.DeletedReason };
        await WriteAsync();
        await ReportStatusAsync();
    }

    private async Task WarnOwnerAsync(DateTimeOffset expiresAt)
    {
        if (await GrainFactory.Grain<IDocumentGrain>(Key.DocumentId).Describe() is not { } document)
        {
            return;
        }

        var data = new Dictionary<string, string>
        {
            ["audioId"] = Key.PublicId,
            ["documentId"] = Key.DocumentId,
            ["page"] = Key.Page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["voice"] = Key.Voice,
            ["title"] = document.Title,
            ["expiresAt"] = expiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        await GrainFactory.Grain<INotificationInboxGrain>(document.OwnerId).Add(
            "audio.expiring", null, $"The audio of page {Key.Page} of \"{document.Title}\" expires on {expiresAt:yyyy-MM-dd} unless it is played.", data);
    }

    private async Task Authorize(string callerId, Permission required, bool mustExist = true)
    {
        await GrainFactory.Grain<IDocumentGrain>(Key.DocumentId).Authorize(callerId, required);
        if (mustExist && !Exists)
        {
            throw LectorException.NotFound("audio.not_found");
        }
    }

    private async Task ReportStatusAsync()
    {
        var current = Exists ? Audio.Status : (AudioStatus?)null;
        var previous = _reportedStatus;
        _reportedStatus = current;
        await GrainFactory.ReportAudioStatusAsync(previous, current, logger);
    }

    private async Task ReportFailureAsync(SafeError error)
    {
        if (await GrainFactory.Grain<IDocumentGrain>(Key.DocumentId).Describe() is { } document)
        {
            var failure = new FailureRecord(time.GetUtcNow(), FailureKinds.Synthesis, Key.DocumentId, Key.PublicId, document.OwnerId, error.Code, error.Message);
            await GrainFactory.ReportFailureAsync(failure, document.Title, logger);
        }
    }

    private IPageGrain Page => GrainFactory.Grain<IPageGrain>(PageKey.For(Key.DocumentId, Key.Page));

    /// <summary>Tells the document's event feed about a status change; one-way, so synthesis never waits on readers.</summary>
    private void Announce() => GrainFactory.Grain<IDocumentFeedGrain>(Key.DocumentId).Publish(DocumentEvent.Of(View())).Ignore();

    private AudioView View() => new(
        Key.PublicId, Key.DocumentId, Key.Page, Key.Voice, Audio.Status, Audio.Error, Audio.DurationMs,
        Audio.SizeBytes, Audio.Format, Audio.CreatedAt, Audio.LastPlayedAt, Audio.Stale, Audio.Expired, ExpiresAt(),
        Audio.Engine, Audio.BilledCharacters);

    /// <summary>Only completed audio runs a retention clock; by the settings read at activation or at the last retention visit.</summary>
    private DateTimeOffset? ExpiresAt() =>
        Audio.Status == AudioStatus.Completed && _retention is { } retention ? retention.ExpiresAt(Audio.LastPlayedAt ?? Audio.CreatedAt) : null;
}
