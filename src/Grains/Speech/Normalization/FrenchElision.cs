using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// French elides "de", "que" and the like before the "un" and "une" the number rules write out ("une pause de 1 h"
/// becomes "une pause d'une heure", not "de une heure").
/// </summary>
internal static partial class FrenchElision
{
    public static string Apply(string text, SpeechLanguage language) =>
        language is FrenchLanguage ? BeforeOne().Replace(text, m => m.Groups["word"].Value[..^1] + "'" + m.Groups["one"].Value) : text;

    [GeneratedRegex(@"\b(?<word>[Dd]e|[Qq]ue|[Jj]usque|[Ll]orsque|[Pp]uisque) (?<one>une?)\b")]
    private static partial Regex BeforeOne();
}
