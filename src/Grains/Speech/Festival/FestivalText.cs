using System.Text;

namespace Lector.Grains.Speech.Festival;

/// <summary>
/// The text as Festival is sent it. Festival reads bytes, and its English voices know only ASCII, so each character is
/// replaced by one ASCII character: an accented letter by its letter, typographic quotes and dashes by plain ones,
/// anything else unspeakable by a space. One character for one keeps every offset, so each token Festival reports
/// is found at the same place in the text it came from.
/// </summary>
internal static class FestivalText
{
    public static string Fold(string text) =>
        string.Create(text.Length, text, static (folded, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                folded[i] = Fold(source[i]);
            }
        });

    private static char Fold(char c) => c switch
    {
        '\n' or '\r' or '\t' => c,
        _ when char.IsControl(c) || char.IsSurrogate(c) => ' ',
        < '\u0080' => c,
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u00AB' or '\u00BB' or '\u2033' => '"',
        (>= '\u2010' and <= '\u2015') or '\u2212' => '-',
        '\u2026' => '.',
        'ß' => 's',
        'æ' or 'œ' => 'e',
        'Æ' or 'Œ' => 'E',
        'ø' => 'o',
        'Ø' => 'O',
        'ł' => 'l',
        'Ł' => 'L',
        _ when c.ToString().Normalize(NormalizationForm.FormD)[0] is var letter and < '\u0080' && char.IsAsciiLetter(letter) => letter,
        _ => ' ',
    };
}
