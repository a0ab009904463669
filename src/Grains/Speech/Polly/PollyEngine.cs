using System.Text.Json;
using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Speech.Polly;

/// <summary>
/// Amazon Polly. Voice ids are <c>polly:{VoiceId}:{engine}</c>, one per engine a voice supports. Text over
/// the request limit is sent in parts cut at sentence ends, whose MP3 frames are joined into one file; speech
/// marks of each part are moved by the part's place in the page text and in the joined audio.
/// </summary>
public sealed partial class PollyEngine(
    PollyClient client,
    PollyPacing pacing,
    IOptions<PollyOptions> options,
    TimeProvider time,
    ILogger<PollyEngine> logger) : ISpeechEngine
{
    private static readonly string[] MarkTypes = [SpeechMark.Sentence, SpeechMark.Word];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly PollyOptions _options = Validated(options.Value);
    private readonly Lock _voicesLock = new();
    private Task<IReadOnlyList<VoiceInfo>>? _voices;
    private DateTimeOffset _voicesExpire;

    public string Name => "polly";

    public string SettingsFingerprint =>
        $"polly;{_options.OutputFormat};rate={_options.SampleRate ?? "default"};speed={_options.SpeakingRatePercent};marks={_options.SpeechMarks}";

    /// <summary>The voice list, asked for once per cache period; a failed listing is not cached.</summary>
    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        lock (_voicesLock)
        {
            var now = time.GetUtcNow();
            if (_voices is null || (_voices.IsCompleted && (!_voices.IsCompletedSuccessfully || now >= _voicesExpire)))
            {
                _voices = LoadVoicesAsync();
                _voicesExpire = now.AddMinutes(_options.VoiceCacheMinutes);
            }

            return _voices.WaitAsync(cancellationToken);
        }
    }

    public Task<SynthesizedSpeech> SynthesizeAsync(string voiceName, SpeechText text, CancellationToken cancellationToken)
    {
        var (voiceId, engine) = ParseVoice(voiceName);
        var ssml = PollyInput.IsSsml(text, _options.SpeakingRatePercent);
        var parts = TextSplitter.Split(text.Text, _options.MaxBilledCharacters, c => PollyInput.BilledLength(c, ssml));
        return SpeechInParts.SynthesizeAsync(parts, part => SynthesizePartAsync(voiceId, engine, text.Part(part), cancellationToken));
    }

    /// <summary>One request's audio, and its marks when they are asked for (a second, separately billed request).</summary>
    private async Task<SynthesizedSpeech> SynthesizePartAsync(string voiceId, string engine, SpeechText part, CancellationToken cancellationToken)
    {
        var text = part.Text;
        var input = PollyInput.For(part, _options.SpeakingRatePercent);
        var (audio, billed) = await RequestAsync(
            new PollySpeechRequest(engine, _options.OutputFormat, input.Text, input.TextType, voiceId, _options.SampleRate),
            cancellationToken);
        List<SpeechMark>? marks = null;
        if (_options.SpeechMarks)
        {
            var (lines, marksBilled) = await RequestMarksAsync(engine, voiceId, input, cancellationToken);
            billed += marksBilled;
            marks = ReadMarks(lines, input, text);
        }

        return new SynthesizedSpeech(audio, "mp3", Mp3Frames.DurationMs(Mp3Frames.Read(audio)), marks, billed);
    }

    /// <summary>
    /// Polly's marks are UTF-8 byte offsets into what was sent; ours are character offsets into the part's text, and
    /// their value is that text (Polly's would show SSML escapes).
    /// </summary>
    private static List<SpeechMark> ReadMarks(byte[] lines, PollyInput input, string text)
    {
        var marks = new List<SpeechMark>();
        foreach (var range in lines.AsSpan().Split((byte)'\n'))
        {
            var line = lines.AsSpan(range).Trim(" \r\t"u8);
            if (line.IsEmpty)
            {
                continue;
            }

            PollyMark? mark;
            try
            {
                mark = JsonSerializer.Deserialize<PollyMark>(line, Json);
            }
            catch (JsonException)
            {
                throw PollyErrors.Permanent(PollyErrors.BadOutput, "The speech service gave unreadable speech marks.");
            }

            if (mark is null || mark.Type is not (SpeechMark.Sentence or SpeechMark.Word))
            {
                continue;
            }

            var start = input.CharacterAt(mark.Start);
            var end = Math.Max(start, input.CharacterAt(mark.End));
            marks.Add(new SpeechMark(mark.Time, mark.Type, start, end, text[start..end]));
        }

        return marks;
    }

    private async Task<(byte[] Lines, int Billed)> RequestMarksAsync(string engine, string voiceId, PollyInput input, CancellationToken cancellationToken)
    {
        try
        {
            return await RequestAsync(
                new PollySpeechRequest(engine, "json", input.Text, input.TextType, voiceId, SpeechMarkTypes: MarkTypes),
                cancellationToken);
        }
        catch (SpeechException e) when (!e.Transient && e.Code == PollyErrors.InvalidRequest)
        {
            // Marks are an extra: a voice or engine that cannot give them still gives audio.
            LogMarksUnavailable(logger, engine, e.Code);
            return ([], 0);
        }
    }

    private async Task<(byte[] Body, int Billed)> RequestAsync(PollySpeechRequest request, CancellationToken cancellationToken)
    {
        await pacing.WaitAsync(request.Engine, cancellationToken);
        return await client.SynthesizeSpeechAsync(request, cancellationToken);
    }

    private async Task<IReadOnlyList<VoiceInfo>> LoadVoicesAsync()
    {
        var voices = new List<VoiceInfo>();
        string? nextToken = null;
        do
        {
            var page = await client.DescribeVoicesAsync(nextToken, CancellationToken.None);
            foreach (var voice in page.Voices ?? [])
            {
                foreach (var engine in (voice.SupportedEngines ?? []).Where(PollyEngines.All.Contains))
                {
                    voices.Add(new VoiceInfo(
                        $"polly:{voice.Id}:{engine}",
                        Name,
                        $"{voice.Name ?? voice.Id} ({engine})",
                        voice.LanguageCode ?? "",
                        VoiceGender.Of(voice.Gender)));
                }
            }

            nextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (nextToken is not null);

        LogVoicesLoaded(logger, voices.Count);
        return [.. voices.OrderBy(v => v.Language, StringComparer.Ordinal).ThenBy(v => v.Id, StringComparer.Ordinal)];
    }

    private static (string VoiceId, string Engine) ParseVoice(string voiceName)
    {
        var separator = voiceName.LastIndexOf(':');
        return separator > 0 && PollyEngines.All.Contains(voiceName[(separator + 1)..])
            ? (voiceName[..separator], voiceName[(separator + 1)..])
            : throw PollyErrors.Permanent(PollyErrors.InvalidVoice, "The voice is not available.");
    }

    private static PollyOptions Validated(PollyOptions options) =>
        options.OutputFormat == "mp3"
            ? options
            : throw new SettingException($"{PollyOptions.Section}:OutputFormat must be 'mp3'; long texts are joined frame by frame.");

    private sealed record PollyMark(long Time, string? Type, int Start, int End);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polly offers {Count} voices")]
    private static partial void LogVoicesLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polly gave no speech marks for engine {Engine} ({Code}); audio is kept without marks")]
    private static partial void LogMarksUnavailable(ILogger logger, string engine, string code);
}
