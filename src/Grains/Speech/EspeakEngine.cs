using System.Globalization;
using System.Text;
using Lector.Abstractions.Audio;
using Lector.Grains.Lexicon;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Speech;

/// <summary>
/// The local engine: espeak-ng renders WAV from text on stdin, lame compresses it to MP3. espeak-ng reports no timings,
/// so the marks are measured from its pauses (<see cref="PauseTimings"/>). A long page is spoken in parts, so one run's
/// uncompressed audio (about 2.3 KB a character) and time stay bounded.
/// </summary>
public sealed class EspeakEngine(IOptions<EspeakOptions> options) : ISpeechEngine
{
    private readonly EspeakOptions _options = options.Value;
    private readonly Lazy<Task<IReadOnlyList<VoiceInfo>>> _voices = new(() => LoadVoicesAsync(options.Value));

    public string Name => "local";

    public string SettingsFingerprint => $"espeak-ng;wpm={_options.WordsPerMinute};mp3={_options.BitrateKbps};run={_options.MaxCharactersPerRun}";

    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) =>
        _voices.Value.WaitAsync(cancellationToken);

    public Task<SynthesizedSpeech> SynthesizeAsync(string voiceName, SpeechText text, CancellationToken cancellationToken) =>
        SpeechInParts.SynthesizeAsync(
            TextSplitter.Split(text.Text, _options.MaxCharactersPerRun, _ => 1),
            part => SynthesizePartAsync(voiceName, text.Part(part), cancellationToken));

    /// <summary>
    /// A pronounced word goes as espeak-ng's phoneme input (<c>[[...]]</c>); the page's own brackets are kept from
    /// starting it. Marks are measured on the text as written.
    /// </summary>
    private async Task<SynthesizedSpeech> SynthesizePartAsync(string voiceName, SpeechText part, CancellationToken cancellationToken)
    {
        var text = part.Text;
        using var run = SpeechWork.Folders.Open();
        var wavPath = run.File("speech.wav");
        await ProcessRunner.RunAsync(
            _options.Executable,
            ["--stdin", "-w", wavPath, "-b", "1", "-v", voiceName, "-s", _options.WordsPerMinute.ToString(CultureInfo.InvariantCulture)],
            Encoding.UTF8.GetBytes(part.Replaced(AsWritten, (p, _) => $"[[{IpaPhonemes.ToEspeak(p.Ipa)}]]")),
            TimeSpan.FromSeconds(_options.TimeoutSeconds),
            cancellationToken);
        (PcmLayout Layout, IReadOnlyList<SpeechMark> Marks) measured;
        await using (var wav = new FileStream(wavPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan))
        {
            measured = await PauseTimings.MeasureAsync(text, wav, cancellationToken);
        }

        var mp3 = await Mp3Encoder.EncodeAsync(_options, wavPath, run.File("speech.mp3"), cancellationToken);
        return new SynthesizedSpeech(mp3, "mp3", measured.Layout.DurationMs, measured.Marks, BilledCharacters: text.Length);
    }

    /// <summary>
    /// Text read as written: espeak-ng takes "[[" anywhere as the start of phoneme input, so a zero-width space follows
    /// each "[" (it reads the bracket as it reads one alone, and no two are ever adjacent).
    /// </summary>
    private static string AsWritten(string text) => text.Replace("[", "[\u200B", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<VoiceInfo>> LoadVoicesAsync(EspeakOptions options)
    {
        var listing = await ProcessRunner.RunAsync(options.Executable, ["--voices"], [], TimeSpan.FromSeconds(30), CancellationToken.None);
        var version = await ProcessRunner.RunAsync(options.Executable, ["--version"], [], TimeSpan.FromSeconds(30), CancellationToken.None);
        var dataDirectory = DataDirectory(Encoding.UTF8.GetString(version));
        return ParseVoiceList(Encoding.UTF8.GetString(listing), file => DeclaredGender(dataDirectory, file));
    }

    /// <summary>
    /// Parses <c>espeak-ng --voices</c>: "Pty Language Age/Gender VoiceName File Other". The listing shows "M" for a
    /// voice whose file names no gender (every language voice espeak-ng ships), so the gender is the one the voice's
    /// file declares, found by <paramref name="declaredGender"/> from the File column, and unknown when it declares none.
    /// </summary>
    internal static IReadOnlyList<VoiceInfo> ParseVoiceList(string listing, Func<string, string?> declaredGender)
    {
        var voices = new Dictionary<string, VoiceInfo>(StringComparer.Ordinal);
        foreach (var line in listing.Split('\n').Skip(1))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 5)
            {
                continue;
            }

            var language = columns[1];
            var gender = VoiceGender.Of(declaredGender(columns[4]));
            // "English_(Lancaster)", "Cherokee_": espeak-ng writes spaces as underscores in this listing.
            var name = columns[3].Replace('_', ' ').Trim();
            voices.TryAdd(language, new VoiceInfo($"local:{language}", "local", name, language, gender));
        }

        return [.. voices.Values.OrderBy(v => v.Language, StringComparer.Ordinal)];
    }

    /// <summary>The data directory <c>espeak-ng --version</c> names ("... Data at: /usr/lib/.../espeak-ng-data").</summary>
    internal static string? DataDirectory(string version)
    {
        const string marker = "Data at:";
        var at = version.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : version[(at + marker.Length)..].Trim();
    }

    /// <summary>
    /// The first word of the <c>gender</c> line of a voice file (<c>gender female 70</c>), looked up under the data
    /// directory's <c>lang</c> (language voices) and <c>voices</c> (variants, MBROLA); null when there is none.
    /// </summary>
    internal static string? DeclaredGender(string? dataDirectory, string file)
    {
        if (dataDirectory is null || file.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var path = new[] { "lang", "voices" }.Select(folder => Path.Combine(dataDirectory, folder, file)).FirstOrDefault(File.Exists);
        if (path is null)
        {
            return null;
        }

        return File.ReadLines(path)
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(words => words.Length >= 2 && words[0] == "gender")?[1];
    }
}
