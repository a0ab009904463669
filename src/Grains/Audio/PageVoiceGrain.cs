using System.Security.Cryptography;
using System.Text;
using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Notifications;
using Lector.Grains.Admin;
using Lector.Grains.Blobs;
using Lector.Grains.Lifecycle;
using Lector.Grains.Speech;
using Lector.Grains.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Lector.Grains.Audio;

public sealed class PageVoiceState
{
    public AudioStatus Status { get; set; }

    public SafeError? Error { get; set; }

    public string? BlobKey { get; set; }

    /// <summary>The speech marks' JSON blob, when the engine gave marks.</summary>
    public string? MarksBlobKey { get; set; }

    public string Format { get; set; } = "mp3";

    public long? DurationMs { get; set; }

    public long? SizeBytes { get; set; }

    /// <summary>The engine that made the audio, e.g. <c>local</c> or <c>polly</c>.</summary>
    public string? Engine { get; set; }

    /// <summary>The characters the engine charged for (for a local engine, the characters it spoke).</summary>
    public long? BilledCharacters { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastPlayedAt { get; set; }

    /// <summary>The page text changed after this audio was made.</summary>
    public bool Stale { get; set; }

    /// <summary>Past retention and kept only because auto-delete is off; a play or a new request revives it.</summary>
    public bool Expired { get; set; }

    /// <summary>The expiry the owner was warned about; a new clock (a play) means a new warning.</summary>
    public DateTimeOffset? WarnedForExpiry { get; set; }

    /// <summary>
    /// Set by a soft delete (by the user, or by expiry with auto-delete on): the record stays for audit while
    /// the blobs go and the slot is freed; to callers the audio no longer exists, and a request creates it anew.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Why it was deleted: <c>user</c> or <c>expired</c>.</summary>
    public string? DeletedReason { get; set; }

    public PageVoiceState Copy() => (PageVoiceState)MemberwiseClone();

    /// <summary>Puts back what a commit sets, leaving what other turns changed meanwhile (a play's clock) alone.</summary>
    public void RestoreCommitFields(PageVoiceState before)
    {
        Status = before.Status;
        BlobKey = before.BlobKey;
        MarksBlobKey = before.MarksBlobKey;
        Format = before.Format;
        DurationMs = before.DurationMs;
        SizeBytes = before.SizeBytes;
        Engine = before.Engine;
        BilledCharacters = before.BilledCharacters;
    }
}

/// <summary>
/// The one audio of a (document, page, voice). Requests are turns of this single activation, so racing
/// requests see the first one's state and join its synthesis. Synthesis runs between turns, so status
/// reads stay fast while it works; its blob key is deterministic, so a duplicate activation after a
/// crash overwrites the same object instead of leaving a second one.
/// </summary>
public sealed partial class PageVoiceGrain(
    [PersistentState("audio")] IPersistentState<PageVoiceState> state,
    SpeechEngines engines,
    IBlobStore blobs,
    PendingWork pendingWork,
    IAudioLifecycleSettings lifecycle,
    AudioRetentionIndex retentionIndex,
    IOptions<SpeechRetryOptions> retryOptions,
    TimeProvider time,
    ILogger<PageVoiceGrain> logger) : Grain, IPageVoiceGrain
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly SerializedWrites _writes = new();
    private CancellationTokenSource? _stopping;
    private Task? _synthesis;
    private AudioLifecycleSettings? _settings;

    /// <summary>The status the statistics last heard of, so each change is counted once.</summary>
    private AudioStatus? _reportedStatus;

    private AudioKey Key => AudioKey.FromGrainKey(this.GetPrimaryKeyString());

    private PageVoiceState Audio => state.State;

    /// <summary>A soft-deleted record is, to callers, no audio at all.</summary>
    private bool Exists => state.RecordExists && Audio.DeletedAt is null;

    public async Task<AudioRequestResult> Request(string callerId)
    {
        await Authorize(callerId, Permission.Collaborate, mustExist: false);
        if (Exists)
        {
            if ((Audio.Stale || Audio.Expired) && _synthesis is null or { IsCompleted: true })
            {
                // A regenerated audio is a new rendering: its retention clock starts over.
                Audio.Stale = false;
                Audio.Expired = false;
                Audio.WarnedForExpiry = null;
                Audio.CreatedAt = time.GetUtcNow();
                Audio.LastPlayedAt = null;
                await StartAsync();
                return new AudioRequestResult(View(), Created: true);
            }

            return new AudioRequestResult(View(), Created: false);
        }

        if (await engines.ResolveAsync(Key.Voice, CancellationToken.None) is null)
        {
            throw LectorException.Invalid("voice", "voice.not_found");
        }

        if (!await Page.ReserveVoice(Key.Voice, (await GrainFactory.GetGrain<ISettingsGrain>(0).Get()).MaxAudiosPerPage))
        {
            throw new LectorException(ErrorKind.QuotaExceeded, "audio.quota_exceeded");
        }

        state.State = new PageVoiceState { CreatedAt = time.GetUtcNow() };
        await StartAsync();
        return new AudioRequestResult(View(), Created: true);
    }

    public async Task<AudioView> Get(string callerId)
    {
        await Authorize(callerId, Permission.View);
        await HealIfOrphanedAsync();
        return View();
    }

    /// <summary>
    /// Pending work this activation is not doing may be stale state (another activation finished it during a
    /// membership change) or orphaned (its activation died and the sweep has not come yet): re-read, and resume
    /// whatever is still unfinished, so a reader never watches an audio that nobody works on.
    /// </summary>
    private async Task HealIfOrphanedAsync()
    {
        if (Exists && Audio.Status is AudioStatus.Pending or AudioStatus.Generating && _synthesis is null or { IsCompleted: true })
        {
            await state.ReadStateAsync();
            if (Exists && Audio.Status is AudioStatus.Pending or AudioStatus.Generating)
            {
                StartSynthesis();
            }
        }
    }

    public Task<AudioView?> Peek() => Task.FromResult(Exists ? View() : null);

    public async Task<AudioContent> OpenContent(string callerId)
    {
        await Authorize(callerId, Permission.View);
        if (Audio.Status != AudioStatus.Completed || Audio.BlobKey is null)
        {
            throw new LectorException(ErrorKind.Conflict, "audio.not_ready");
        }

        // A play restarts the retention clock; the sweep learns the new clock when it next asks.
        Audio.LastPlayedAt = time.GetUtcNow();
        Audio.Expired = false;
        Audio.WarnedForExpiry = null;
        await _writes.RunAsync(state.WriteStateAsync);
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

    public async Task<AudioRetention?> ApplyRetention()
    {
        if (!Exists || Audio.Status != AudioStatus.Completed)
        {
            return null;
        }

        var settings = _settings = await lifecycle.GetAsync();
        var clockStart = Audio.LastPlayedAt ?? Audio.CreatedAt;
        var expiresAt = settings.ExpiresAt(clockStart);
        var now = time.GetUtcNow();
        if (now >= expiresAt)
        {
            if (settings.AutoDeleteExpired)
            {
                await SoftDeleteAsync("expired");
                return null;
            }

            if (!Audio.Expired)
            {
                Audio.Expired = true;
                await _writes.RunAsync(state.WriteStateAsync);
            }
        }
        else if (now >= settings.WarnAt(clockStart) && Audio.WarnedForExpiry != expiresAt)
        {
            await WarnOwnerAsync(expiresAt);
            Audio.WarnedForExpiry = expiresAt;
            await _writes.RunAsync(state.WriteStateAsync);
        }

        return Retention();
    }

    public async Task<AudioBlobCheck> CheckBlobs()
    {
        if (!Exists || Audio.Status != AudioStatus.Completed || Audio.BlobKey is not { } blobKey)
        {
            return new AudioBlobCheck([], MarkedMissing: false);
        }

        if (await blobs.ExistsAsync(blobKey))
        {
            return new AudioBlobCheck(Audio.MarksBlobKey is { } marks ? [blobKey, marks] : [blobKey], MarkedMissing: false);
        }

        // The bytes are gone (lost, or deleted behind our back): say so, and let a retry make them again.
        Audio.Status = AudioStatus.Failed;
        Audio.Error = new SafeError("audio.blob_missing", "The audio file is missing; retry to generate it again.");
        Audio.BlobKey = null;
        Audio.MarksBlobKey = null;
        await _writes.RunAsync(state.WriteStateAsync);
        await ReportStatusAsync();
        return new AudioBlobCheck([], MarkedMissing: true);
    }

    public async Task MarkStale()
    {
        if (Exists && !Audio.Stale)
        {
            Audio.Stale = true;
            await _writes.RunAsync(state.WriteStateAsync);
            Announce();
        }
    }

    public Task Purge() => state.RecordExists ? RemoveAsync() : Task.CompletedTask;

    public async Task Resume()
    {
        if (state.RecordExists && Audio.DeletedAt is not null)
        {
            await FinishSoftDeleteAsync();
        }
        else if (state.RecordExists && Audio.Status is AudioStatus.Pending or AudioStatus.Generating)
        {
            StartSynthesis();
        }
        else
        {
            await pendingWork.RemoveAsync(this.GetGrainId());
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _reportedStatus = Exists ? Audio.Status : null;
        _settings = await lifecycle.GetAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Give a running synthesis the shutdown budget to finish; otherwise stop it and leave it
        // pending, so the pending-work entry resumes it on the next activation.
        if (_synthesis is { IsCompleted: false } synthesis)
        {
            await synthesis.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            await StopSynthesisAsync();
        }
    }

    private async Task StartAsync()
    {
        Audio.Status = AudioStatus.Pending;
        Audio.Error = null;

        // Registered before the state says "pending", so a crash in between never strands the work.
        await pendingWork.AddAsync(this.GetGrainId());
        await _writes.RunAsync(state.WriteStateAsync);
        await ReportStatusAsync();
        Announce();
        StartSynthesis();
    }

    private void StartSynthesis()
    {
        if (_synthesis is null || _synthesis.IsCompleted)
        {
            _stopping?.Dispose();
            _stopping = new CancellationTokenSource();
            _synthesis = SynthesizeAsync(_stopping.Token);
        }
    }

    private async Task StopSynthesisAsync()
    {
        if (_synthesis is { IsCompleted: false } synthesis && _stopping is { } stopping)
        {
            await stopping.CancelAsync();
            await synthesis.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    private async Task SynthesizeAsync(CancellationToken cancellationToken)
    {
        try
        {
            Audio.Status = AudioStatus.Generating;
            await _writes.RunAsync(state.WriteStateAsync);
            await ReportStatusAsync();
            Announce();
            var content = await Page.GetContent() ?? throw new SpeechException("page.not_found", "The page no longer exists.", transient: false);
            var (engine, voiceName) = await engines.ResolveAsync(Key.Voice, cancellationToken)
                ?? throw new SpeechException("voice.not_found", "The voice is no longer available.", transient: false);
            var speech = await SynthesizeWithRetriesAsync(engine, voiceName, content.Text, cancellationToken);
            var textHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.Text)));
            var blobKey = BlobKeys.Audio(Key.DocumentId, Key.Page, Key.Voice, textHash, engine.SettingsFingerprint, speech.Format);
            await blobs.PutAsync(blobKey, new MemoryStream(speech.Audio, writable: false), cancellationToken);
            string? marksBlobKey = null;
            if (speech.Marks is { Count: > 0 } marks)
            {
                marksBlobKey = BlobKeys.Marks(blobKey);
                await blobs.PutAsync(marksBlobKey, new MemoryStream(SpeechMark.ToJson(marks), writable: false), cancellationToken);
            }

            await CommitAsync(blobKey, marksBlobKey, engine.Name, speech);
            await ReportStatusAsync();
            await GrainFactory.Statistics().CharactersSynthesized(engine.Name, content.Text.Length, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the state still says pending or generating and the work entry remains.
        }
        catch (InconsistentStateException e)
        {
            // Another activation of this grain (briefly possible while membership changes) saved first: its state
            // wins. This one is stale, so it goes, and the next sweep resumes from what is stored if still needed.
            LogSuperseded(logger, e, this.GetPrimaryKeyString());
            DeactivateOnIdle();
        }
        catch (Exception e) when (IsClusterChange(e))
        {
            // A silo this work depends on died or is leaving: not the audio's failure. The work entry remains,
            // so the pending-work sweep resumes it once the cluster has settled.
            LogInterrupted(logger, e, this.GetPrimaryKeyString());
        }
        catch (Exception e)
        {
            var error = e is SpeechException speechError
                ? new SafeError(speechError.Code, speechError.Message)
                : new SafeError("audio.synthesis_failed", "Speech could not be generated.");
            LogSynthesisFailed(logger, e, this.GetPrimaryKeyString(), error.Code);
            Audio.Status = AudioStatus.Failed;
            Audio.Error = error;
            await _writes.RunAsync(state.WriteStateAsync);
            Announce();
            await pendingWork.RemoveAsync(this.GetGrainId());
            await ReportStatusAsync();
            await ReportFailureAsync(error);
        }
    }

    /// <summary>
    /// The blobs are written first, then the state that points to them. Blobs of a commit that fails stay
    /// for the reconciler to judge (see below), so a grain never deletes an object another activation uses.
    /// </summary>
    private async Task CommitAsync(string blobKey, string? marksBlobKey, string engineName, SynthesizedSpeech speech)
    {
        // Indexed before the state says completed, so no completed audio escapes retention; an entry for an
        // audio whose commit then fails is dropped when the sweep finds nothing completed there. Indexed before
        // the state changes in memory too: when the index's silo dies mid-call, this activation must still read
        // "generating", exactly what is stored, so the pending-work sweep resumes it.
        await retentionIndex.TrackAsync(this.GetPrimaryKeyString(), Retention());

        var before = Audio.Copy();
        Audio.Status = AudioStatus.Completed;
        Audio.BlobKey = blobKey;
        Audio.MarksBlobKey = marksBlobKey;
        Audio.Format = speech.Format;
        Audio.DurationMs = speech.DurationMs;
        Audio.SizeBytes = speech.Audio.Length;
        Audio.Engine = engineName;
        Audio.BilledCharacters = speech.BilledCharacters;

        // When the write fails, memory goes back to what is stored, and the new blob is NOT deleted here: its key
        // is deterministic, so during a membership change another activation of this grain may have committed
        // state that points at this very object. An object nothing points to is an orphan the reconciler removes
        // after its grace period.
        try
        {
            await _writes.RunAsync(state.WriteStateAsync);
        }
        catch
        {
            Audio.RestoreCommitFields(before);
            throw;
        }

        var previousBlob = before.BlobKey;
        var previousMarks = before.MarksBlobKey;
        if (previousBlob is not null && previousBlob != blobKey)
        {
            await blobs.DeleteAsync(previousBlob);
        }

        if (previousMarks is not null && previousMarks != marksBlobKey)
        {
            await blobs.DeleteAsync(previousMarks);
        }

        Announce();
        try
        {
            await pendingWork.RemoveAsync(this.GetGrainId());
        }
        catch (Exception e)
        {
            // The audio is done whatever happened to its shard; an entry left behind is dropped by the next sweep.
            LogInterrupted(logger, e, this.GetPrimaryKeyString());
        }
    }

    /// <summary>Failures of the cluster rather than of the work: a silo died, is leaving or did not answer in time.</summary>
    private static bool IsClusterChange(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;

    private async Task<SynthesizedSpeech> SynthesizeWithRetriesAsync(ISpeechEngine engine, string voiceName, string text, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await engines.SynthesizeAsync(engine, voiceName, text, cancellationToken);
            }
            catch (SpeechException e) when (e.Transient && attempt < retryOptions.Value.MaxAttempts)
            {
                await Task.Delay(RetryBackoff.Delay(attempt, FirstRetryDelay, MaxRetryDelay, Random.Shared), time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The decision is written first, with the blob keys, and registered as pending work: a crash part-way
    /// leaves a record that <see cref="Resume"/> finishes, not a slot held by nothing or a blob pointed to by nothing.
    /// </summary>
    private async Task SoftDeleteAsync(string reason)
    {
        await StopSynthesisAsync();
        Audio.DeletedAt = time.GetUtcNow();
        Audio.DeletedReason = reason;
        await pendingWork.AddAsync(this.GetGrainId());
        await _writes.RunAsync(state.WriteStateAsync);
        await FinishSoftDeleteAsync();
    }

    private async Task FinishSoftDeleteAsync()
    {
        foreach (var blobKey in new[] { Audio.BlobKey, Audio.MarksBlobKey }.OfType<string>())
        {
            await blobs.DeleteAsync(blobKey);
        }

        await Page.ReleaseVoice(Key.Voice);
        var deletedAt = Audio.DeletedAt;
        var reason = Audio.DeletedReason;
        state.State = new PageVoiceState { CreatedAt = Audio.CreatedAt, LastPlayedAt = Audio.LastPlayedAt, DeletedAt = deletedAt, DeletedReason = reason };
        await _writes.RunAsync(state.WriteStateAsync);
        await pendingWork.RemoveAsync(this.GetGrainId());
        await ReportStatusAsync();
    }

    private async Task WarnOwnerAsync(DateTimeOffset expiresAt)
    {
        if (await GrainFactory.GetGrain<IDocumentGrain>(Key.DocumentId).Describe() is not { } document)
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
        await GrainFactory.GetGrain<INotificationInboxGrain>(document.OwnerId).Add(
            "audio.expiring", $"The audio of page {Key.Page} of \"{document.Title}\" expires on {expiresAt:yyyy-MM-dd} unless it is played.", data);
    }

    private AudioRetention Retention() => new(Audio.LastPlayedAt ?? Audio.CreatedAt, Audio.WarnedForExpiry is not null, Audio.Expired);

    private async Task RemoveAsync()
    {
        await StopSynthesisAsync();
        if (Audio.BlobKey is { } blobKey)
        {
            await blobs.DeleteAsync(blobKey);
        }

        if (Audio.MarksBlobKey is { } marksBlobKey)
        {
            await blobs.DeleteAsync(marksBlobKey);
        }

        await _writes.RunAsync(state.ClearStateAsync);
        await pendingWork.RemoveAsync(this.GetGrainId());
        await ReportStatusAsync();
        DeactivateOnIdle();
    }

    private async Task Authorize(string callerId, Permission required, bool mustExist = true)
    {
        await GrainFactory.GetGrain<IDocumentGrain>(Key.DocumentId).Authorize(callerId, required);
        if (mustExist && !Exists)
        {
            throw LectorException.NotFound("audio.not_found");
        }
    }

    private async Task ReportStatusAsync()
    {
        var current = Exists ? Audio.Status : (AudioStatus?)null;
        await GrainFactory.ReportAudioStatusAsync(_reportedStatus, current, logger);
        _reportedStatus = current;
    }

    private async Task ReportFailureAsync(SafeError error)
    {
        if (await GrainFactory.GetGrain<IDocumentGrain>(Key.DocumentId).Describe() is { } document)
        {
            var failure = new FailureRecord(time.GetUtcNow(), FailureKinds.Synthesis, Key.DocumentId, Key.PublicId, document.OwnerId, error.Code, error.Message);
            await GrainFactory.ReportFailureAsync(failure, document.Title, logger);
        }
    }

    private IPageGrain Page => GrainFactory.GetGrain<IPageGrain>(PageKey.For(Key.DocumentId, Key.Page));

    /// <summary>Tells the document's event feed about a status change; one-way, so synthesis never waits on readers.</summary>
    private void Announce() => GrainFactory.GetGrain<IDocumentFeedGrain>(Key.DocumentId).Publish(DocumentEvent.Of(View())).Ignore();

    private AudioView View() => new(
        Key.PublicId, Key.DocumentId, Key.Page, Key.Voice, Audio.Status, Audio.Error, Audio.DurationMs,
        Audio.SizeBytes, Audio.Format, Audio.CreatedAt, Audio.LastPlayedAt, Audio.Stale, Audio.Expired, ExpiresAt(),
        Audio.Engine, Audio.BilledCharacters);

    /// <summary>Only completed audio runs a retention clock; by the settings read at activation or at the last sweep.</summary>
    private DateTimeOffset? ExpiresAt() =>
        Audio.Status == AudioStatus.Completed && _settings is { } settings ? settings.ExpiresAt(Audio.LastPlayedAt ?? Audio.CreatedAt) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Synthesis of {AudioKey} was superseded by another activation")]
    private static partial void LogSuperseded(ILogger logger, Exception exception, string audioKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Synthesis of {AudioKey} was interrupted by a cluster change; it stays pending")]
    private static partial void LogInterrupted(ILogger logger, Exception exception, string audioKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Synthesis of {AudioKey} failed with {Code}")]
    private static partial void LogSynthesisFailed(ILogger logger, Exception exception, string audioKey, string code);
}
