using Microsoft.Extensions.Logging.Abstractions;

namespace Lector.Grains.Speech;

/// <summary>
/// Where the local engines' runs keep the files they pass between programs (the WAV the synthesizer writes and the
/// encoder reads, the MP3, a lexicon). Files rather than pipes keep the audio out of the host: it never copies
/// megabytes of WAV through its own memory.
/// </summary>
internal static class SpeechWork
{
    public static WorkFolders Folders { get; } = new(Path.Combine(Path.GetTempPath(), "lector-speech"), NullLogger.Instance);
}
