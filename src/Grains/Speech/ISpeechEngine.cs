using Lector.Abstractions.Audio;

namespace Lector.Grains.Speech;

/// <summary>A text-to-speech engine. Voice names are the engine's own (the part after <c>engine:</c>).</summary>
public interface ISpeechEngine
{
    /// <summary>The engine's prefix in voice ids, e.g. <c>local</c>.</summary>
    string Name { get; }

    /// <summary>Changes whenever output for the same text and voice would change; part of audio blob keys.</summary>
    string SettingsFingerprint { get; }

    Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken);

    /// <summary>Speech of <paramref name="text"/>, its pronunciations given the engine's own way where it has one.</summary>
    Task<SynthesizedSpeech> SynthesizeAsync(string voiceName, SpeechText text, CancellationToken cancellationToken);
}

/// <summary>
/// Encoded audio and its length; <paramref name="Marks"/> when the engine reports where sentences and words
/// are spoken, <paramref name="BilledCharacters"/> the characters charged for (a local engine counts those it spoke).
/// </summary>
public sealed record SynthesizedSpeech(
    byte[] Audio,
    string Format,
    long DurationMs,
    IReadOnlyList<SpeechMark>? Marks = null,
    long? BilledCharacters = null)
{
    public string ContentType => AudioFormats.ContentTypeOf(Format);
}

public static class AudioFormats
{
    public static string ContentTypeOf(string format) => format switch
    {
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        _ => "application/octet-stream",
    };
}

/// <summary>A synthesis failure with a safe, stable code; <see cref="Transient"/> says whether a retry may help.</summary>
public sealed class SpeechException(string code, string message, bool transient, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    public bool Transient { get; } = transient;
}
