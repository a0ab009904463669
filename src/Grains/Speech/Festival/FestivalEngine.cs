using System.Text;
using Lector.Abstractions.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Speech.Festival;

/// <summary>
/// The Festival engine: a script run by Festival (<c>lector-speak.scm</c>) speaks the text on stdin into a WAV file and
/// prints when each word starts, read from Festival's own utterance structure; lame compresses the WAV to MP3. A long
/// page is spoken in parts. Voices are those of <see cref="FestivalVoice.Known"/> that Festival has installed; on a
/// machine without Festival the engine offers none.
/// </summary>
public sealed partial class FestivalEngine(IOptions<FestivalOptions> options, ILogger<FestivalEngine> logger) : ISpeechEngine
{
    /// <summary>Copied next to the assembly at build (see Grains.csproj).</summary>
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Speech", "Festival", "lector-speak.scm");

    /// <summary>
    /// Festival's Lisp heap, in cells. Its default (10 million) makes every run hold about 330 MB; a fifth of it holds
    /// about 100 MB and still speaks a 2,000-character sentence.
    /// </summary>
    private static readonly string[] Heap = ["--heap", "2000000"];

    private readonly FestivalOptions _options = options.Value;
    private Task<IReadOnlyList<VoiceInfo>>? _voices;

    public string Name => "festival";

    public string SettingsFingerprint => $"festival;mp3={_options.BitrateKbps};run={_options.MaxCharactersPerRun}";

    /// <summary>The installed voices, asked Festival for once; a listing that failed is asked for again next time.</summary>
    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        var voices = _voices;
        if (voices is null || voices.IsFaulted || voices.IsCanceled)
        {
            voices = LoadVoicesAsync();
            _voices = voices;
        }

        return voices.WaitAsync(cancellationToken);
    }

    /// <summary>Pronounced words go into the voice's lexicon for the run where Festival can hold them (<see cref="FestivalLexicon"/>).</summary>
    public Task<SynthesizedSpeech> SynthesizeAsync(string voiceName, SpeechText text, CancellationToken cancellationToken)
    {
        var voice = FestivalVoice.Known.FirstOrDefault(v => v.Name == voiceName)
            ?? throw new SpeechException("speech.invalid_voice", "The voice is not available.", transient: false);
        return SpeechInParts.SynthesizeAsync(
            TextSplitter.Split(text.Text, _options.MaxCharactersPerRun, _ => 1),
            part => SynthesizePartAsync(voice, text.Part(part), cancellationToken));
    }

    private async Task<SynthesizedSpeech> SynthesizePartAsync(FestivalVoice voice, SpeechText part, CancellationToken cancellationToken)
    {
        var text = part.Text;
        var folded = FestivalText.Fold(text);
        if (!folded.Any(char.IsAsciiLetterOrDigit))
        {
            // Only letters of other scripts, which become spaces: Festival would say nothing and write no audio.
            throw new SpeechException("speech.invalid_voice", "The voice is not available for this text.", transient: false);
        }

        using var run = SpeechWork.Folders.Open();
        var wavPath = run.File("speech.wav");
        var entries = FestivalLexicon.EntriesFor(part, folded);
        var lexiconPath = entries.Length > 0 ? run.File("lexicon.scm") : null;
        if (lexiconPath is not null)
        {
            await File.WriteAllTextAsync(lexiconPath, entries, Encoding.ASCII, cancellationToken);
        }

        var output = await ProcessRunner.RunAsync(
            _options.Executable,
            [
                .. Heap, "--batch", $"(defvar lector_wave_path {SchemeString(wavPath)})", $"(defvar lector_voice {SchemeString(voice.FestivalName)})",
                $"(defvar lector_lexicon_path {(lexiconPath is null ? "nil" : SchemeString(lexiconPath))})", Script,
            ],
            Encoding.ASCII.GetBytes(folded),
            TimeSpan.FromSeconds(_options.TimeoutSeconds),
            cancellationToken);
        var marks = FestivalMarks.Read(Encoding.Latin1.GetString(output), text, folded);
        var layout = await WavInfo.ReadLayoutAsync(wavPath, cancellationToken);
        var mp3 = await Mp3Encoder.EncodeAsync(_options, wavPath, run.File("speech.mp3"), cancellationToken);
        return new SynthesizedSpeech(mp3, "mp3", layout.DurationMs, marks, BilledCharacters: text.Length);
    }

    private async Task<IReadOnlyList<VoiceInfo>> LoadVoicesAsync()
    {
        byte[] listing;
        try
        {
            listing = await ProcessRunner.RunAsync(_options.Executable, [.. Heap, "--batch", "(print (voice.list))"], [], TimeSpan.FromSeconds(30), CancellationToken.None);
        }
        catch (SpeechException e) when (e.Code == "speech.engine_unavailable")
        {
            LogNotInstalled(logger, _options.Executable);
            return [];
        }

        var installed = Encoding.Latin1.GetString(listing).Split([' ', '(', ')', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var voices = FestivalVoice.Known
            .Where(v => installed.Contains(v.FestivalName, StringComparer.Ordinal))
            .Select(v => new VoiceInfo($"{Name}:{v.Name}", Name, v.DisplayName, v.Language, v.Gender))
            .ToList();
        if (voices.Count == 0)
        {
            LogNoKnownVoice(logger, string.Join(", ", FestivalVoice.Known.Select(v => v.FestivalName)));
        }

        return voices;
    }

    private static string SchemeString(string value) => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Festival ('{Executable}') could not be started; its voices are not offered")]
    private static partial void LogNotInstalled(ILogger logger, string executable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Festival has none of the voices Lector offers ({Voices}); none is offered")]
    private static partial void LogNoKnownVoice(ILogger logger, string voices);
}
