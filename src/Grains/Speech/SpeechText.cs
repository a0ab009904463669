namespace Lector.Grains.Speech;

/// <summary>
/// What an engine is asked to say: the text, and where in it a word must be pronounced as given (IPA) rather than as
/// the engine would read it. Each engine carries a pronunciation its own way (Polly's SSML, espeak-ng's phoneme
/// input); one that cannot reads the word as written. A plain string is a text with no pronunciations.
/// </summary>
public sealed record SpeechText(string Text, IReadOnlyList<Pronunciation> Pronunciations)
{
    public static implicit operator SpeechText(string text) => new(text, []);

    /// <summary>The part of this text <paramref name="part"/> covers, with the pronunciations wholly inside it.</summary>
    public SpeechText Part(TextPart part) => new(
        part.Text,
        [.. Pronunciations
            .Where(p => p.Start >= part.Start && p.Start + p.Length <= part.Start + part.Text.Length)
            .Select(p => p with { Start = p.Start - part.Start })]);

    /// <summary>
    /// The text with each pronounced span replaced by what <paramref name="replacement"/> makes of it, and the text
    /// between them by what <paramref name="written"/> makes of it (an engine's escaping of its own markup).
    /// </summary>
    public string Replaced(Func<string, string> written, Func<Pronunciation, string, string> replacement)
    {
        var text = new System.Text.StringBuilder(Text.Length + 16 * Pronunciations.Count);
        var at = 0;
        foreach (var pronunciation in Pronunciations.OrderBy(p => p.Start))
        {
            text.Append(written(Text[at..pronunciation.Start]));
            text.Append(replacement(pronunciation, Text.Substring(pronunciation.Start, pronunciation.Length)));
            at = pronunciation.Start + pronunciation.Length;
        }

        return text.Append(written(Text[at..])).ToString();
    }
}

/// <summary>The characters [<paramref name="Start"/>, Start + <paramref name="Length"/>) are spoken as <paramref name="Ipa"/>.</summary>
public sealed record Pronunciation(int Start, int Length, string Ipa);
