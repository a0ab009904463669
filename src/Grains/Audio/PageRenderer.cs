using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Diagnostics;
using Lector.Grains.Lexicon;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Normalization;
using Lector.Grains.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Audio;

/// <summary>
/// Turns a page's text into stored audio: its <see cref="PageSpeech"/> (spoken text normalized in the document's
/// language, with the document owner's lexicon) sent to the voice's engine (a page with no words is a second of silence and costs no engine call), then
/// the MP3 and the speech marks, their offsets mapped back to the page text, written under keys derived from the
/// document, page, voice, speech and engine settings. Transient failures of the engine and of the blob store are retried with backoff and jitter, so an outage
/// of either is waited out. Holds no grain state: what it made goes back to the audio grain to commit. A rendering
/// repeated after a crash (its silo killed between storing and committing, or the commit failed) finds the audio
/// under the same key and uses it rather than pay the engine for the page again.
/// </summary>
public sealed partial class PageRenderer(
    SpeechEngines engines,
    ISpeechNormalizer normalizer,
    IBlobStore blobs,
    IOptions<SpeechRetryOptions> retryOptions,
    TimeProvider time,
    ILogger<PageRenderer> logger)
{
    /// <summary>How long a page with nothing to say (a blank page of a PDF) plays.</summary>
    private const int SilenceMs = 1000;

    /// <summary>What every engine makes, so a page's audio key is known before the engine is asked.</summary>
    private const string StoredFormat = "mp3";

    /// <exception cref="SpeechException">The voice is gone, or the engine failed for good or too often.</exception>
    /// <param name="language">The document's language (BCP 47), or null when unknown.</param>
    /// <param name="lexicon">The document owner's pronunciations.</param>
    /// <param name="committedBlobKey">The audio the record already points at, which is made again on purpose (an expired
    /// audio asked for again) and so never stands for this rendering; null when nothing is committed.</param>
    public async Task<RenderedAudio> RenderAsync(AudioKey key, string text, string? language, PronunciationLexicon lexicon, string? committedBlobKey, CancellationToken cancellationToken)
    {
        using var activity = LectorDiagnostics.Source.StartActivity("audio.render");
        activity?.SetTag("lector.document.id", key.DocumentId);
        activity?.SetTag("lector.page", key.Page);
        activity?.SetTag("lector.voice", key.Voice);
        try
        {
            return await RenderCoreAsync(key, text, language, lexicon, committedBlobKey, cancellationToken);
        }
        catch (SpeechException e)
        {
            activity.Fail(e.Code);
            throw;
        }
    }

    private async Task<RenderedAudio> RenderCoreAsync(AudioKey key, string text, string? language, PronunciationLexicon lexicon, string? committedBlobKey, CancellationToken cancellationToken)
    {
        var (engine, voiceName) = await engines.ResolveAsync(key.Voice, cancellationToken)
            ?? throw new SpeechException("voice.not_found", "The voice is no longer available.", transient: false);
        var spoken = PageSpeech.Of(text, language, normalizer, lexicon);
        if (spoken.HasWords && AudioBlobKey(key, spoken, engine, StoredFormat) is var storedKey && storedKey != committedBlobKey
            && await StoredAsync(key.Page, storedKey, engine, spoken, cancellationToken) is { } stored)
        {
            return stored;
        }

        var speech = spoken.HasWords
            ? await WithRetriesAsync(
                "Speech",
                () => engines.SynthesizeAsync(engine, voiceName, spoken.Speech, cancellationToken),
                e => e is SpeechException { Transient: true },
                retryOptions.Value.MaxAttempts,
                cancellationToken)
            : new SynthesizedSpeech(Mp3Frames.Silence(SilenceMs), StoredFormat, SilenceMs, BilledCharacters: 0);
        var blobKey = AudioBlobKey(key, spoken, engine, speech.Format);

        // The marks first: stored audio is then a rendering whose marks (if its engine made any) are stored too.
        string? marksBlobKey = null;
        if (speech.Marks is { Count: > 0 } marks)
        {
            marksBlobKey = BlobKeys.Marks(blobKey);
            var onPage = marks.Select(m => m with { Start = spoken.PageOffset(m.Start), End = spoken.PageOffset(m.End) }).ToList();
            await PutAsync(marksBlobKey, SpeechMark.ToJson(onPage), cancellationToken);
        }

        await PutAsync(blobKey, speech.Audio, cancellationToken);
        return new RenderedAudio(blobKey, marksBlobKey, speech.Format, speech.DurationMs, speech.Audio.Length, engine.Name, speech.BilledCharacters, spoken.Text.Length);
    }

    private static string AudioBlobKey(AudioKey key, PageSpeech spoken, ISpeechEngine engine, string format) =>
        BlobKeys.Audio(key.DocumentId, key.Page, key.Voice, spoken.Fingerprint, engine.SettingsFingerprint, format);

    /// <summary>
    /// The audio an earlier rendering of the same speech stored but did not commit, or null. Its key follows the speech
    /// and the engine's settings, so it is what the engine would make again; its length is read from its frames (a few
    /// milliseconds of encoder padding longer than the engine's own count), and what the engine billed for it is not
    /// known here. It is written again (its marks first), so the reconciler, which spares only objects younger than its
    /// grace period, sees it as new work. The lookup is a saving, never a cause of failure: anything amiss (the store,
    /// an object that is not MP3) leaves the page to the engine.
    /// </summary>
    private async Task<RenderedAudio?> StoredAsync(int page, string blobKey, ISpeechEngine engine, PageSpeech spoken, CancellationToken cancellationToken)
    {
        try
        {
            if (await blobs.ReadAllAsync(blobKey, cancellationToken) is not { } audio)
            {
                return null;
            }

            var frames = Mp3Frames.Read(audio);
            var marksBlobKey = BlobKeys.Marks(blobKey);
            var marks = await blobs.ReadAllAsync(marksBlobKey, cancellationToken);
            if (marks is not null)
            {
                await PutAsync(marksBlobKey, marks, cancellationToken);
            }

            await PutAsync(blobKey, audio, cancellationToken);
            LogStoredAudioUsed(logger, page);
            return new RenderedAudio(blobKey, marks is null ? null : marksBlobKey, StoredFormat, Mp3Frames.DurationMs(frames), audio.Length, engine.Name, BilledCharacters: null, spoken.Text.Length);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStoredAudioUnusable(logger, e, page);
            return null;
        }
    }

    private Task PutAsync(string blobKey, byte[] bytes, CancellationToken cancellationToken) =>
        WithRetriesAsync(
            "Storing audio",
            async () =>
            {
                await blobs.PutAsync(blobKey, new MemoryStream(bytes, writable: false), cancellationToken);
                return true;
            },
            e => e is BlobStoreException { IsTransient: true },
            retryOptions.Value.BlobPutAttempts,
            cancellationToken);

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or has failed transiently <paramref name="maxAttempts"/> times.</summary>
    private async Task<T> WithRetriesAsync<T>(string what, Func<Task<T>> attempt, Func<Exception, bool> isTransient, int maxAttempts, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (isTransient(e) && number < maxAttempts)
            {
                var delay = RetryBackoff.Delay(number, retryOptions.Value.FirstRetryDelay, retryOptions.Value.MaxRetryDelay, Random.Shared);
                LogRetrying(logger, e, what, number, maxAttempts, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {Page}: its audio was stored by an earlier rendering that was not committed; used as it is, not spoken again")]
    private static partial void LogStoredAudioUsed(ILogger logger, int page);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page {Page}: audio stored by an earlier rendering could not be used; the page is spoken again")]
    private static partial void LogStoredAudioUnusable(ILogger logger, Exception exception, int page);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} failed for now (attempt {Attempt} of {MaxAttempts}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string what, int attempt, int maxAttempts, long delayMs);
}
