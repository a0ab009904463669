using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Grains.Speech;
using Lector.Grains.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Audio;

public sealed class DocumentAudioJobState
{
    public DocumentAudioJobStatus Status { get; set; }

    /// <summary>Whose permission the page requests run under.</summary>
    public string RequestedBy { get; set; } = "";

    public int Total { get; set; }

    /// <summary>The first page not yet requested; pages before it are in flight, completed or failed.</summary>
    public int NextPage { get; set; } = 1;

    public List<int> InFlight { get; set; } = [];

    public int Completed { get; set; }

    public List<PageAudioFailure> Failures { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>
/// Drives one document's synthesis in one voice through the page-voice grains, which stay the only creators of
/// audio. At most <see cref="DocumentAudioOptions.DocumentConcurrency"/> pages are in flight; each tells the job
/// when it finishes (<see cref="IAudioListener"/>), and the job asks for the next. Progress is saved at most once
/// per <see cref="DocumentAudioOptions.DocumentSaveInterval"/>: every saved snapshot is consistent (its counts
/// match its position), so after a crash the job asks again for the pages in flight then and goes on from there,
/// and a page that finished in between is counted once, when it answers "completed" at once.
/// A running job whose silo stops moves to another silo with its progress, saved or not, and rechecks its pages there at once.
/// </summary>
public sealed partial class DocumentAudioJobGrain(
    [PersistentState("documentAudioJob")] IPersistentState<DocumentAudioJobState> state,
    SpeechEngines engines,
    PendingWork pendingWork,
    IOptions<DocumentAudioOptions> options,
    TimeProvider time,
    ILogger<DocumentAudioJobGrain> logger) : Grain, IDocumentAudioJobGrain, IAudioListener, IGrainMigrationParticipant
{
    private const string UnsavedKey = "lector.unsaved";

    private IGrainTimer? _saveTimer;
    private IGrainTimer? _recheckTimer;
    private bool _unsaved;

    private DocumentAudioJobState Job => state.State;

    private (string DocumentId, string Voice) Key => DocumentAudioJobKey.Parse(this.GetPrimaryKeyString());

    private IDocumentGrain Document => GrainFactory.Grain<IDocumentGrain>(Key.DocumentId);

    private bool IsRunning => state.RecordExists && Job.Status == DocumentAudioJobStatus.Running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            // Pages in flight before a crash may have finished unheard: the first recheck asks them at once.
            StartTimers(recheckNow: true);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        this.MoveIfSiloStops(reason, worthMoving: IsRunning);

    /// <summary>The progress in memory moves with the state; whether it still needs saving moves with it.</summary>
    public void OnDehydrate(IDehydrationContext migrationContext) => migrationContext.TryAddValue(UnsavedKey, _unsaved);

    public void OnRehydrate(IRehydrationContext migrationContext) => migrationContext.TryGetValue(UnsavedKey, out _unsaved);

    public async Task<DocumentAudioProgress> Start(string callerId)
    {
        await Document.Authorize(callerId, Permission.Collaborate);
        if (IsRunning)
        {
            return Progress();
        }

        var document = await Document.Get(callerId);
        if (document.Status != DocumentStatus.Ready)
        {
            throw new LectorException(ErrorKind.Conflict, "document.not_ready");
        }

        if (await engines.ResolveAsync(Key.Voice, CancellationToken.None) is null)
        {
            throw LectorException.Invalid("voice", "voice.not_found");
        }

        // Registered before the state says "running", so a crash in between never strands the job.
        await pendingWork.AddAsync(this.GetGrainId());

        // Running only once stored: had a refused registration or write (the pending-work grain still addressed on a
        // stopping silo, the database away) left the state saying running, every later start would join a job that
        // nothing drives, and an export would wait on it forever. Refused, the job is as it was, to be started again.
        var previous = state.State;
        state.State = new DocumentAudioJobState { RequestedBy = callerId, Total = document.PageCount, StartedAt = time.GetUtcNow() };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        StartTimers(recheckNow: false);
        await FillAsync();
        await AfterChangeAsync();
        return Progress();
    }

    public async Task<DocumentAudioProgress> GetProgress(string callerId)
    {
        await Document.Authorize(callerId, Permission.View);
        return state.RecordExists ? Progress() : throw LectorException.NotFound("document_audio.not_found");
    }

    /// <summary>Activation already restarted a running job; a finished or unknown one leaves the pending list.</summary>
    public Task Resume() => IsRunning ? Task.CompletedTask : pendingWork.RemoveAsync(this.GetGrainId());

    public async Task AudioFinished(AudioView audio)
    {
        if (IsRunning && audio.DocumentId == Key.DocumentId && Job.InFlight.Contains(audio.Page))
        {
            await SettleAsync(audio.Page, audio);
            await FillAsync();
            await AfterChangeAsync();
        }
    }

    private void StartTimers(bool recheckNow)
    {
        var save = options.Value.DocumentSaveInterval;
        var recheck = options.Value.DocumentRecheckInterval;
        _saveTimer ??= this.RegisterGrainTimer(SaveIfChangedAsync, new GrainTimerCreationOptions(save, save) { KeepAlive = true });
        _recheckTimer ??= this.RegisterGrainTimer(RecheckAsync, new GrainTimerCreationOptions(recheckNow ? TimeSpan.Zero : recheck, recheck) { KeepAlive = true });
    }

    private void StopTimers()
    {
        _saveTimer?.Dispose();
        _saveTimer = null;
        _recheckTimer?.Dispose();
        _recheckTimer = null;
    }

    /// <summary>Asks every page in flight again (re-registering as its listener), then requests what is still missing.</summary>
    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return;
        }

        foreach (var page in Job.InFlight.ToList())
        {
            if (await WatchAsync(page) is (true, var audio))
            {
                await SettleAsync(page, audio);
            }

            if (!IsRunning)
            {
                return;
            }
        }

        await FillAsync();
        await AfterChangeAsync();
    }

    private async Task SaveIfChangedAsync(CancellationToken cancellationToken)
    {
        if (_unsaved && IsRunning)
        {
            _unsaved = false;
            await state.WriteStateAsync();
        }
    }

    /// <summary>Keeps the job's pages in flight topped up to its concurrency.</summary>
    private async Task FillAsync()
    {
        var concurrency = Math.Max(1, options.Value.DocumentConcurrency);
        while (IsRunning && Job.InFlight.Count < concurrency && Job.NextPage <= Job.Total)
        {
            if (!await RequestPageAsync(Job.NextPage))
            {
                break;
            }

            Job.NextPage++;
            _unsaved = true;
        }
    }

    /// <summary>Counts a page in flight that finished; one whose audio went away or went stale is asked for again.</summary>
    private async Task SettleAsync(int page, AudioView? audio)
    {
        Job.InFlight.Remove(page);
        _unsaved = true;
        switch (audio)
        {
            case { Status: AudioStatus.Completed, Stale: false }:
                Job.Completed++;
                break;
            case { Status: AudioStatus.Failed }:
                Job.Failures.Add(new PageAudioFailure(page, audio.Error ?? SynthesisFailed, audio.Id));
                break;
            default:
                if (!await RequestPageAsync(page))
                {
                    Job.InFlight.Add(page);
                }

                break;
        }
    }

    /// <summary>Publishes progress, and ends the job once every page is settled.</summary>
    private async Task AfterChangeAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        if (Job.InFlight.Count == 0 && Job.NextPage > Job.Total)
        {
            Job.Status = DocumentAudioJobStatus.Completed;
            Job.FinishedAt = time.GetUtcNow();
            StopTimers();
            _unsaved = false;
            await state.WriteStateAsync();
            PublishProgress();
            await pendingWork.RemoveAsync(this.GetGrainId());
            return;
        }

        PublishProgress();
    }

    /// <summary>
    /// Asks for the page's audio and files the page as in flight (listening for its end), completed or failed;
    /// false when the request could not be made now (a transient failure) and should be tried on a later check.
    /// </summary>
    private async Task<bool> RequestPageAsync(int page)
    {
        var audio = GrainFactory.Grain<IPageVoiceGrain>(new AudioKey(Key.DocumentId, page, Key.Voice).GrainKey);
        try
        {
            var view = (await audio.RequestForJob(Job.RequestedBy, this.AsReference<IAudioListener>())).Audio;
            if (view.Status == AudioStatus.Failed)
            {
                // A failure from before this job: the job asks for every page, so it tries once more, and listens.
                await audio.Retry(Job.RequestedBy);
                Job.InFlight.Add(page);
                if (await WatchAsync(page) is (true, var retried))
                {
                    await SettleAsync(page, retried);
                }

                return true;
            }

            switch (view)
            {
                case { Status: AudioStatus.Completed, Stale: false }:
                    Job.Completed++;
                    return true;
                case { Status: AudioStatus.Failed }:
                    Job.Failures.Add(new PageAudioFailure(page, view.Error ?? SynthesisFailed, view.Id));
                    return true;
            }
        }
        catch (LectorException e) when (e.Code == "audio.not_failed")
        {
            // Someone else retried it in between: it is in synthesis now.
        }
        catch (LectorException e) when (e.Code == "document.not_found")
        {
            // The document is gone, or the requester lost access: the job ends and is forgotten.
            await AbandonAsync();
            return true;
        }
        catch (LectorException e)
        {
            Job.Failures.Add(new PageAudioFailure(page, new SafeError(e.Code, e.Code == "audio.quota_exceeded" ? QuotaExceededMessage : SynthesisFailed.Message), AudioId: null));
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogRequestDeferred(logger, e, this.GetPrimaryKeyString(), page);
            return false;
        }

        // The page tells this job when it ends (it listens since the request).
        Job.InFlight.Add(page);
        return true;
    }

    /// <summary>Listens for the page's end; whether it has already ended (or its audio is gone: null), with its state.</summary>
    private async Task<(bool Ended, AudioView? Audio)> WatchAsync(int page)
    {
        var audio = GrainFactory.Grain<IPageVoiceMaintenanceGrain>(new AudioKey(Key.DocumentId, page, Key.Voice).GrainKey);
        try
        {
            var view = await audio.Watch(this.AsReference<IAudioListener>());
            return (view is not { Status: AudioStatus.Pending or AudioStatus.Generating }, view);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The page's silo may be dying: the next recheck asks again.
            LogRequestDeferred(logger, e, this.GetPrimaryKeyString(), page);
            return (false, null);
        }
    }

    private async Task AbandonAsync()
    {
        StopTimers();
        await state.ClearStateAsync();
        await pendingWork.RemoveAsync(this.GetGrainId());
        DeactivateOnIdle();
    }

    private void PublishProgress() => GrainFactory.Grain<IDocumentFeedGrain>(Key.DocumentId).Publish(DocumentEvent.Of(Progress())).Ignore();

    private DocumentAudioProgress Progress() => new(
        Key.DocumentId, Key.Voice, Job.Status, Job.Total, Job.Completed, Job.Failures.Count,
        Job.Total - Job.Completed - Job.Failures.Count, [.. Job.Failures.OrderBy(f => f.Page)], Job.StartedAt, Job.FinishedAt);

    private const string QuotaExceededMessage = "The page already has audio in as many voices as allowed.";

    private static readonly SafeError SynthesisFailed = new("audio.synthesis_failed", "Speech could not be generated.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobKey} could not reach page {Page} now; it tries again")]
    private static partial void LogRequestDeferred(ILogger logger, Exception exception, string jobKey, int page);
}
