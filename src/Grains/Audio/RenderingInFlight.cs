using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Lexicon;
using Lector.Grains.Lexicon;
using Lector.Grains.Speech;
using Lector.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Lector.Grains.Audio;

/// <summary>
/// The rendering one page-voice activation has in flight. It runs off the grain's scheduler and touches no grain
/// state: the outcome goes back to the grain as a call (<see cref="IPageVoiceMaintenanceGrain.Rendered"/> or
/// <see cref="IPageVoiceMaintenanceGrain.RenderingFailed"/>), so the grain changes its state only in its own turns.
/// Renderings are numbered, so the grain can tell the current one's outcome from a stale one's.
/// </summary>
internal sealed partial class RenderingInFlight(PageRenderer renderer, ILogger logger) : IDisposable
{
    private CancellationTokenSource? _stopping;

    /// <summary>The rendering alone (engine and blobs), which a deactivation may wait for.</summary>
    private Task<RenderedAudio>? _render;

    /// <summary>The rendering and the call that hands its outcome back; while it runs, no second rendering starts.</summary>
    private Task? _handBack;

    /// <summary>The number of the latest rendering started.</summary>
    public long Current { get; private set; }

    public bool IsRunning => _handBack is { IsCompleted: false };

    /// <summary>
    /// Starts a rendering of the page's current text, in its document's language, with its owner's lexicon; the caller
    /// has checked none is running.
    /// </summary>
    /// <param name="committedBlobKey">See <see cref="PageRenderer.RenderAsync"/>.</param>
    public void Start(AudioKey key, IGrainFactory grains, IPageVoiceMaintenanceGrain audio, string? committedBlobKey)
    {
        _stopping?.Dispose();
        _stopping = new CancellationTokenSource();
        var rendering = ++Current;
        var stopping = _stopping.Token;
        var render = Task.Run(() => RenderAsync(key, grains, committedBlobKey, stopping), CancellationToken.None);
        _render = render;
        _handBack = Task.Run(() => HandBackAsync(audio, rendering, key, render), CancellationToken.None);
    }

    /// <summary>The grain is applying the outcome now (or gave up on it): the rendering is over.</summary>
    public void End() => _handBack = null;

    /// <summary>
    /// How long a deactivation waits for a rendering at work: callers queued behind the deactivation wait as long, so
    /// it stays well inside a call's response timeout (30 s); a longer rendering is stopped and resumed elsewhere.
    /// </summary>
    private static readonly TimeSpan DeactivationWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// For a deactivation: waits (within <paramref name="cancellationToken"/> and <see cref="DeactivationWait"/>) for a
    /// rendering still at work, and returns what it made when it made something whose outcome the grain has not applied yet.
    /// </summary>
    public async Task<RenderedAudio?> WaitForUnappliedAsync(CancellationToken cancellationToken)
    {
        if (_render is { IsCompleted: false } render)
        {
            await ((Task)render).WaitAsync(DeactivationWait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        return _render is { IsCompletedSuccessfully: true } rendered && _handBack is not null ? rendered.Result : null;
    }

    /// <summary>Cancels a rendering at work and waits for it to stop; its outcome is never applied.</summary>
    public async Task StopAsync()
    {
        if (_render is { IsCompleted: false } render && _stopping is { } stopping)
        {
            await stopping.CancelAsync();
            await ((Task)render).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        End();
    }

    public void Dispose() => _stopping?.Dispose();

    private async Task<RenderedAudio> RenderAsync(AudioKey key, IGrainFactory grains, string? committedBlobKey, CancellationToken cancellationToken)
    {
        var content = await grains.Grain<IPageGrain>(PageKey.For(key.DocumentId, key.Page)).GetContent()
            ?? throw new SpeechException("page.not_found", "The page no longer exists.", transient: false);
        var document = await grains.Grain<IDocumentGrain>(key.DocumentId).Describe();
        var lexicon = document is null ? PronunciationLexicon.Empty
            : new PronunciationLexicon(await grains.Grain<ILexiconGrain>(document.OwnerId).Get());
        return await renderer.RenderAsync(key, content.Text, document?.Language, lexicon, committedBlobKey, cancellationToken);
    }

    private async Task HandBackAsync(IPageVoiceMaintenanceGrain audio, long rendering, AudioKey key, Task<RenderedAudio> render)
    {
        try
        {
            RenderedAudio rendered;
            try
            {
                rendered = await render;
            }
            catch (Exception e) when (e is not OperationCanceledException && !IsClusterChange(e))
            {
                var error = e is SpeechException speechError
                    ? new SafeError(speechError.Code, speechError.Message)
                    : new SafeError("audio.synthesis_failed", "Speech could not be generated.");
                LogSynthesisFailed(logger, e, key.GrainKey, error.Code);
                await audio.RenderingFailed(rendering, error);
                return;
            }

            await audio.Rendered(rendering, rendered);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the state still says pending, and the pending-work sweep resumes it.
        }
        catch (InconsistentStateException e)
        {
            // Another activation of this grain (briefly possible while membership changes) saved first: its state
            // wins. This one went; the sweep resumes from what is stored if work is still unfinished.
            LogSuperseded(logger, e, key.GrainKey);
        }
        catch (Exception e)
        {
            // A silo this work depends on died or is leaving, or the commit failed: not the audio's failure. The
            // stored state still says pending, so the pending-work sweep resumes it once the cluster has settled.
            LogInterrupted(logger, e, key.GrainKey);
        }
    }

    /// <summary>
    /// Failures of the cluster or its stores rather than of the work: a silo died, is leaving or did not answer in time,
    /// or the database or blob store is unavailable (still, after the renderer's retries). The work is resumed later.
    /// </summary>
    private static bool IsClusterChange(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException || StorageOutages.Classify(e) is not null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Synthesis of {AudioKey} was superseded by another activation")]
    private static partial void LogSuperseded(ILogger logger, Exception exception, string audioKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Synthesis of {AudioKey} was interrupted; it stays pending")]
    public static partial void LogInterrupted(ILogger logger, Exception exception, string audioKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Synthesis of {AudioKey} failed with {Code}")]
    private static partial void LogSynthesisFailed(ILogger logger, Exception exception, string audioKey, string code);
}
