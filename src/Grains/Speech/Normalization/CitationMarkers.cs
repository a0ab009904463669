using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Drops footnote and citation markers, which a listener cannot follow: bracketed numbers ("[12]", "[1, 3]",
/// "[4–6]"), Wikipedia-style notes ("[note 2]", "[citation needed]", and "[a]" after punctuation), and a number stuck to the end of a
/// sentence ("as Smith showed.12 The next") where it cannot be part of the text: after a word ending in three
/// lower-case letters and its punctuation, before a capital or the end of the line. Brackets after code ("a[1]",
/// "f(x)[2]", "m[i][j]") are indexing, not citations, and stay. Superscript markers are dropped by
/// <see cref="Superscripts"/>, after units have taken their ² and ³.
/// </summary>
internal static partial class CitationMarkers
{
    public static string DropBracketed(string text) => Bracketed().Replace(text, "");

    /// <summary>Runs after abbreviations are expanded, so "fig.12" or "vol.3" are no longer mistaken for a sentence end.</summary>
    public static string DropAttached(string text) => Attached().Replace(text, "");

    [GeneratedRegex(@"(?<![_)\]\p{N}])[ \u00A0]?(?:\[(?:\d{1,4}(?:[ \u00A0]?[-–,;][ \u00A0]?\d{1,4})*|note \d+|nb \d+|citation needed)\])+|(?<=[.,;:""”’)])\[[a-z]\]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"(?<=\p{Ll}{3}[.,;:!?""”’)])\d{1,3}(?=[ \t\u00A0]+[\p{Lu}""“‘]|[ \t\u00A0]*(?:\n|$))")]
    private static partial Regex Attached();
}
