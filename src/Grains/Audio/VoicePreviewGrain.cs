using System.Security.Cryptography;
using System.Text;
using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Grains.Admin;
using Lector.Grains.Speech;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Audio;

public sealed class VoicePreviewState
{
    /// <summary>The stored preview; its key names the voice, sentence and engine settings it was made from.</summary>
    public string? BlobKey { get; set; }

    public string Format { get; set; } = "mp3";
}

/// <summary>
/// The preview of one voice (keyed by voice id). Synthesis runs inside the request's turn: the grain is not
/// reentrant, so requests racing for a new preview queue behind the first and find its blob. The blob key is
/// derived from the voice, the sentence and the engine settings, so a settings change (or a new sentence) makes
/// a new preview, which replaces the old one.
/// </summary>
public sealed partial class VoicePreviewGrain(
    [PersistentState("voicePreview")] IPersistentState<VoicePreviewState> state,
    SpeechEngines engines,
    IBlobStore blobs,
    TimeProvider time,
    ILogger<VoicePreviewGrain> logger) : Grain, IVoicePreviewGrain
{
    /// <summary>The stored blob this activation has seen exist: checked once per activation, so a lost blob is made again.</summary>
    private string? _checkedBlobKey;

    private VoicePreviewState Preview => state.State;

    public async Task<AudioContent> Open()
    {
        var voiceId = this.GetPrimaryKeyString();
        if (await engines.FindAsync(voiceId, CancellationToken.None) is not { } voice)
        {
            // An id no engine offers has nothing to keep; probing ids must not leave activations behind.
            DeactivateOnIdle();
            throw LectorException.NotFound("voice.not_found");
        }

        var text = VoicePreviewText.For(voice.Voice.Language);
        var textHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (Preview.BlobKey is not { } stored
            || stored != BlobKeys.VoicePreview(voiceId, textHash, voice.Engine.SettingsFingerprint, Preview.Format)
            || (stored != _checkedBlobKey && !await blobs.ExistsAsync(stored)))
        {
            await MakeAsync(voice, text, textHash);
        }

        _checkedBlobKey = Preview.BlobKey;
        return new AudioContent(Preview.BlobKey!, AudioFormats.ContentTypeOf(Preview.Format), Preview.Format);
    }

    /// <summary>The blob first, then the state that points to it; the replaced preview goes last.</summary>
    private async Task MakeAsync(ResolvedVoice voice, string text, string textHash)
    {
        SynthesizedSpeech speech;
        try
        {
            speech = await engines.SynthesizeAsync(voice.Engine, voice.VoiceName, text, CancellationToken.None);
        }
        catch (SpeechException e)
        {
            // Not retried here: the listener can press the button again, and the page audio keeps the engine's retries.
            LogPreviewFailed(logger, e, voice.Voice.Id, e.Code);
            throw new LectorException(ErrorKind.Unavailable, "voice.preview_failed");
        }

        var blobKey = BlobKeys.VoicePreview(voice.Voice.Id, textHash, voice.Engine.SettingsFingerprint, speech.Format);
        await blobs.PutAsync(blobKey, new MemoryStream(speech.Audio, writable: false));
        var previous = Preview.BlobKey;
        Preview.BlobKey = blobKey;
        Preview.Format = speech.Format;
        await state.WriteStateAsync();
        if (previous is not null && previous != blobKey)
        {
            await blobs.DeleteAsync(previous);
        }

        await GrainFactory.Statistics().CharactersSynthesized(voice.Engine.Name, text.Length, time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Preview of voice {Voice} failed with {Code}")]
    private static partial void LogPreviewFailed(ILogger logger, Exception exception, string voice, string code);
}
