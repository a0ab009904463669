using Lector.Abstractions.Audio;

namespace Lector.Grains.Speech;

/// <summary>
/// Speech of a text longer than an engine takes in one request: the parts are synthesized in order and joined
/// into one MP3 by their audio frames, and each part's marks are moved by the part's place in the text and in
/// the joined audio.
/// </summary>
public static class SpeechInParts
{
    /// <exception cref="SpeechException">There are no parts (no text to speak), or an engine gave no MP3.</exception>
    public static async Task<SynthesizedSpeech> SynthesizeAsync(IReadOnlyList<TextPart> parts, Func<TextPart, Task<SynthesizedSpeech>> synthesize)
    {
        if (parts.Count == 0)
        {
            throw new SpeechException("speech.empty_text", "There is no text to speak.", transient: false);
        }

        if (parts.Count == 1)
        {
            var only = await synthesize(parts[0]);
            return only with { Marks = Moved(only.Marks, parts[0].Start, 0)?.ToList() };
        }

        var audios = new List<(byte[] Mp3, IReadOnlyList<Mp3Frames.Frame> Frames)>(parts.Count);
        List<SpeechMark>? marks = null;
        long? billed = 0;
        var partStartMs = 0L;
        foreach (var part in parts)
        {
            var speech = await synthesize(part);
            if (speech.Format != "mp3")
            {
                throw new SpeechException("speech.bad_output", "The engine's audio cannot be joined.", transient: false);
            }

            var frames = Mp3Frames.Read(speech.Audio);
            audios.Add((speech.Audio, frames));
            if (Moved(speech.Marks, part.Start, partStartMs) is { } moved)
            {
                (marks ??= []).AddRange(moved);
            }

            billed += speech.BilledCharacters;
            partStartMs += Mp3Frames.DurationMs(frames);
        }

        return new SynthesizedSpeech(Mp3Frames.Join(audios), "mp3", partStartMs, marks, billed);
    }

    private static IEnumerable<SpeechMark>? Moved(IReadOnlyList<SpeechMark>? marks, int start, long startMs) =>
        marks?.Select(m => m with { TimeMs = m.TimeMs + startMs, Start = m.Start + start, End = m.End + start });
}
