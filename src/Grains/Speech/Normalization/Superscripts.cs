using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Superscript digits left after units took theirs ("m²") are footnote markers ("as shown¹²") and are dropped, except
/// a single ² or ³ after a lone letter, an exponent: "x²" -> "x squared".
/// </summary>
internal static partial class Superscripts
{
    public static string Apply(string text, SpokenWords? words)
    {
        if (words is not null)
        {
            text = Exponent().Replace(text, m => $" {(m.Value == "²" ? words.Squared : words.Cubed)}");
        }

        return Marker().Replace(text, "");
    }

    [GeneratedRegex(@"(?<=(?<![\p{L}\p{N}_])\p{L})[²³](?![⁰¹²³⁴⁵⁶⁷⁸⁹\p{L}\p{N}])")]
    private static partial Regex Exponent();

    [GeneratedRegex(@"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")]
    private static partial Regex Marker();
}
