using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// The numbers the other rules left, made safe for any engine in the language: grouping separators dropped
/// ("1,234,567" -> "1234567"; engines read plain digits correctly in their own language, while "1.234" means a
/// thousand in Spanish and one point two in English), decimals written out ("3,14" -> "tres coma catorce", so no
/// engine takes the comma for a pause or the point for a dot), versions and addresses part by part ("1.2.3" ->
/// "1 point 2 point 3"), and a leading minus said. Plain integers are left as they are.
/// </summary>
internal static partial class Numerals
{
    public static string Apply(string text, SpeechLanguage language) => Number().Replace(text, m =>
    {
        var written = m.Groups["number"].Value;
        var minus = m.Groups["minus"].Success;
        if (!minus && written.AsSpan().IndexOfAny('.', ',', '\u00A0') < 0)
        {
            return m.Value;
        }

        if (WrittenNumber.Parse(written, language.Conventions) is not { } number)
        {
            return m.Value;
        }

        if (number.IsDecimal && written.Count(c => c == '.') == 1 && !written.Contains(',', StringComparison.Ordinal) && NamesVersion(text, m.Index))
        {
            number = new WrittenNumber(number.Whole, null, written.Split('.'));
        }

        var said = language.Signed(minus, language.Say(number));
        var end = m.Index + m.Length;
        return end < text.Length && char.IsLetter(text[end]) ? said + " " : said;
    });

    /// <summary>
    /// "Python 3.12", "version 2.10", "Table 4.2": after a name or the word version a point number is a version or
    /// a label, read "3 point 12" rather than "three point one two". A capital starting a sentence is no name.
    /// </summary>
    private static bool NamesVersion(string text, int index)
    {
        var start = Math.Max(0, index - 40);
        return VersionName().IsMatch(text.AsSpan(start, index - start));
    }

    [GeneratedRegex(WrittenNumber.Signed + @"(?![\p{N}_])")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?:(?<=[\p{L}\p{N},;:)] )\p{Lu}[\p{L}\p{N}]*|\b[Vv]ersion|\b[Rr]elease|\b[Vv]ersión|\b[Vv]ersio)[ \u00A0]$")]
    private static partial Regex VersionName();
}
