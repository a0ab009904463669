using System.Globalization;
using Lector.Abstractions.Audio;

namespace Lector.Grains.Speech.Festival;

/// <summary>
/// Speech marks from what <c>lector-speak.scm</c> prints: where each token starts being spoken, read from Festival's
/// utterance structure, and where each utterance (Festival's sentence) ends. A token is found in the text by its name
/// (the token without the punctuation around it), searched for after the token before it.
/// </summary>
internal static class FestivalMarks
{
    /// <exception cref="SpeechException">The output does not end as the script ends (Festival stopped on an error).</exception>
    /// <param name="folded">The text as sent (<see cref="FestivalText"/>), which the token names come from.</param>
    public static IReadOnlyList<SpeechMark> Read(string output, string text, string folded)
    {
        var marks = new List<SpeechMark>();
        var cursor = 0;
        var sentenceAt = -1;
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries))
        {
            switch (line.Split('\t'))
            {
                case ["word", var seconds, { Length: > 0 } token] when double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var start):
                    var at = folded.IndexOf(token, cursor, StringComparison.Ordinal);
                    if (at < 0)
                    {
                        continue;
                    }

                    cursor = at + token.Length;
                    sentenceAt = sentenceAt < 0 ? marks.Count : sentenceAt;
                    marks.Add(new SpeechMark((long)Math.Round(start * 1000), SpeechMark.Word, at, cursor, text[at..cursor]));
                    break;
                case ["utterance"] when sentenceAt >= 0:
                    var first = marks[sentenceAt];
                    var end = SentenceEnd(text, marks[^1].End);
                    marks.Insert(sentenceAt, new SpeechMark(first.TimeMs, SpeechMark.Sentence, first.Start, end, text[first.Start..end]));
                    sentenceAt = -1;
                    break;
                case ["done"]:
                    return marks;
            }
        }

        throw new SpeechException("speech.engine_failed", "Festival stopped before the end of the text.", transient: false);
    }

    /// <summary>A sentence takes in the punctuation after its last word.</summary>
    private static int SentenceEnd(string text, int lastWordEnd)
    {
        var end = lastWordEnd;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return end;
    }
}
