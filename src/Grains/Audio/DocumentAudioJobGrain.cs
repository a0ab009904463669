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
/// Drives one document's synthesis in one voice through the page-voice grains, which stay the only
/// creators of audio. A timer keeps at most <see cref="DocumentAudioOptions.DocumentConcurrency"/>
/// pages in flight and persists progress on each change; the job resumes on any activation while it
/// is running (start-up resume, or the next progress query), continuing from the persisted position.
/// </summary>
public sealed partial class DocumentAudioJobGrain(
    [PersistentState("documentAudioJob")] IPersistentState<DocumentAudioJobState> state,
    SpeechEngines engines,
    PendingWork pendingWork,
    IOptions<DocumentAudioOptions> options,
    TimeProvider time,
    ILogger<DocumentAudioJobGrain> logger) : Grain, IDocumentAudioJobGrain
{
    private IGrainTimer? _timer;

    private DocumentAudioJobState Job => state.State;

    private (string DocumentId, string Voice) Key => DocumentAudioJobKey.Parse(this.GetPrimaryKeyString());

    private IDocumentGrain Document => GrainFactory.GetGrain<IDocumentGrain>(Key.DocumentId);

    private bool IsRunning => state.RecordExists && Job.Status == DocumentAudioJobStatus.Running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

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

        state.State = new DocumentAudioJobState { RequestedBy = callerId, Total = document.PageCount, StartedAt = time.GetUtcNow() };

        // Registered before the state says "running", so a crash in between never strands the job.
        await pendingWork.AddAsync(this.GetGrainId());
        await state.WriteStateAsync();
        StartTimer();
        PublishProgress();
        return Progress();
    }

    public async Task<DocumentAudioProgress> GetProgress(string callerId)
    {
        await Document.Authorize(callerId, Permission.View);
        return state.RecordExists ? Progress() : throw LectorException.NotFound("document_audio.not_found");
    }

    /// <summary>Activation already restarted a running job; a finished or unknown one leaves the pending list.</summary>
    public Task Resume() => IsRunning ? Task.CompletedTask : pendingWork.RemoveAsync(this.GetGrainId());

    private void StartTimer() =>
        _timer ??= this.RegisterGrainTimer(AdvanceAsync, new GrainTimerCreationOptions(TimeSpan.Zero, options.Value.DocumentPollInterval) { KeepAlive = true });

    private async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return;
        }

        var changed = await CollectFinishedAsync();
        var concurrency = Math.Max(1, options.Value.DocumentConcurrency);
        while (IsRunning && Job.InFlight.Count < concurrency && Job.NextPage <= Job.Total && !cancellationToken.IsCancellationRequested)
        {
            if (!await RequestPageAsync(Job.NextPage))
            {
                break;
            }

            Job.NextPage++;
            changed = true;
        }

        if (!IsRunning)
        {
            return;
        }

        if (Job.InFlight.Count == 0 && Job.NextPage > Job.Total)
        {
            Job.Status = DocumentAudioJobStatus.Completed;
            Job.FinishedAt = time.GetUtcNow();
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
            PublishProgress();
        }

        if (Job.Status == DocumentAudioJobStatus.Completed)
        {
            StopTimer();
            await pendingWork.RemoveAsync(this.GetGrainId());
        }
    }

    /// <summary>Counts the pages in flight whose audio is done; re-requests those whose audio went away or went stale.</summary>
    private async Task<bool> CollectFinishedAsync()
    {
        var audio = await Task.WhenAll(Job.InFlight.Select(async page => (Page: page, View: await AudioOf(page).Peek())));
        var changed = false;
        foreach (var (page, view) in audio)
        {
            switch (view)
            {
                case { Status: AudioStatus.Completed, Stale: false }:
                    Job.InFlight.Remove(page);
                    Job.Completed++;
                    changed = true;
                    break;
                case { Status: AudioStatus.Failed }:
                    Job.InFlight.Remove(page);
                    Job.Failures.Add(new PageAudioFailure(page, view.Error ?? SynthesisFailed, view.Id));
                    changed = true;
                    break;
                case null or { Status: AudioStatus.Completed, Stale: true }:
                    Job.InFlight.Remove(page);
                    if (!await RequestPageAsync(page))
                    {
                        Job.InFlight.Add(page);
                    }

                    changed = true;
                    break;
            }

            if (!IsRunning)
            {
                return false;
            }
        }

        return changed;
    }

    /// <summary>
    /// Asks for the page's audio and files the page as in flight, completed or failed; false when the
    /// request could not be made now (a transient failure) and should be tried on a later tick.
    /// </summary>
    private async Task<bool> RequestPageAsync(int page)
    {
        var audio = AudioOf(page);
        try
        {
            var view = (await audio.Request(Job.RequestedBy)).Audio;
            if (view.Status == AudioStatus.Failed)
            {
                // A failure from before this job: the job asks for every page, so it tries once more.
                view = await audio.Retry(Job.RequestedBy);
            }

            if (view is { Status: AudioStatus.Completed, Stale: false })
            {
                Job.Completed++;
            }
            else
            {
                Job.InFlight.Add(page);
            }
        }
        catch (LectorException e) when (e.Code == "audio.not_failed")
        {
            // Someone else retried it in between: it is in synthesis now.
            Job.InFlight.Add(page);
        }
        catch (LectorException e) when (e.Code == "document.not_found")
        {
            // The document is gone, or the requester lost access: the job ends and is forgotten.
            await AbandonAsync();
        }
        catch (LectorException e)
        {
            Job.Failures.Add(new PageAudioFailure(page, new SafeError(e.Code, e.Code == "audio.quota_exceeded" ? QuotaExceededMessage : SynthesisFailed.Message), AudioId: null));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogRequestDeferred(logger, e, this.GetPrimaryKeyString(), page);
            return false;
        }

        return true;
    }

    private async Task AbandonAsync()
    {
        StopTimer();
        await state.ClearStateAsync();
        await pendingWork.RemoveAsync(this.GetGrainId());
        DeactivateOnIdle();
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void PublishProgress() => GrainFactory.GetGrain<IDocumentFeedGrain>(Key.DocumentId).Publish(DocumentEvent.Of(Progress())).Ignore();

    private IPageVoiceGrain AudioOf(int page) => GrainFactory.GetGrain<IPageVoiceGrain>(new AudioKey(Key.DocumentId, page, Key.Voice).GrainKey);

    private DocumentAudioProgress Progress() => new(
        Key.DocumentId, Key.Voice, Job.Status, Job.Total, Job.Completed, Job.Failures.Count,
        Job.Total - Job.Completed - Job.Failures.Count, [.. Job.Failures.OrderBy(f => f.Page)], Job.StartedAt, Job.FinishedAt);

    private const string QuotaExceededMessage = "The page already has audio in as many voices as allowed.";

    private static readonly SafeError SynthesisFailed = new("audio.synthesis_failed", "Speech could not be generated.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobKey} could not request page {Page} now; it tries again")]
    private static partial void LogRequestDeferred(ILogger logger, Exception exception, string jobKey, int page);
}
