using System.Security.Cryptography;
using System.Text;
using Lector.Abstractions.Audio;
using Lector.Grains.Blobs;
using Lector.Grains.Speech;
using Lector.Grains.Work;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Audio;

/// <summary>
/// Turns a page's text into stored audio: speech from the voice's engine (transient failures retried with
/// backoff and jitter), then the MP3 and the speech marks written under keys derived from the document, page,
/// voice, text and engine settings. Holds no grain state: what it made goes back to the audio grain to commit,
/// and a rendering repeated after a crash writes the same keys instead of new objects.
/// </summary>
public sealed class PageRenderer(SpeechEngines engines, IBlobStore blobs, IOptions<SpeechRetryOptions> retryOptions, TimeProvider time)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <exception cref="SpeechException">The voice is gone, or the engine failed for good or too often.</exception>
    public async Task<RenderedAudio> RenderAsync(AudioKey key, string text, CancellationToken cancellationToken)
    {
        var (engine, voiceName) = await engines.ResolveAsync(key.Voice, cancellationToken)
            ?? throw new SpeechException("voice.not_found", "The voice is no longer available.", transient: false);
        var speech = await SynthesizeWithRetriesAsync(engine, voiceName, text, cancellationToken);
        var textHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var blobKey = BlobKeys.Audio(key.DocumentId, key.Page, key.Voice, textHash, engine.SettingsFingerprint, speech.Format);
        await blobs.PutAsync(blobKey, new MemoryStream(speech.Audio, writable: false), cancellationToken);
        string? marksBlobKey = null;
        if (speech.Marks is { Count: > 0 } marks)
        {
            marksBlobKey = BlobKeys.Marks(blobKey);
            await blobs.PutAsync(marksBlobKey, new MemoryStream(SpeechMark.ToJson(marks), writable: false), cancellationToken);
        }

        return new RenderedAudio(blobKey, marksBlobKey, speech.Format, speech.DurationMs, speech.Audio.Length, engine.Name, speech.BilledCharacters, text.Length);
    }

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
}
