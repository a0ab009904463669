using System.Globalization;
using System.Text;

namespace Lector.Abstractions.Accounts;

/// <summary>
/// One spelling per e-mail address, so that look-alike spellings of an address reach the same account, and a skeleton
/// per address, so that addresses which only look alike cannot belong to different accounts.
/// </summary>
public static class EmailAddresses
{
    // Letters of other scripts (and Latin variants) that look like an ASCII letter in common fonts, after
    // lower-casing: the cases that matter for e-mail addresses from Unicode TR39's confusables, in its spirit, not
    // its whole table. Only non-ASCII letters are mapped, and only to ASCII, so an ASCII address is its own skeleton.
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        // Cyrillic
        ['а'] = 'a', ['г'] = 'r', ['е'] = 'e', ['к'] = 'k', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x',
        ['ѕ'] = 's', ['і'] = 'i', ['ј'] = 'j', ['һ'] = 'h', ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ӏ'] = 'l', ['ѵ'] = 'v',
        ['ү'] = 'y',

        // Greek
        ['α'] = 'a', ['γ'] = 'y', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['υ'] = 'u', ['χ'] = 'x',
        ['ϲ'] = 'c', ['ϳ'] = 'j',

        // Armenian
        ['հ'] = 'h', ['ո'] = 'n', ['ս'] = 'u', ['ց'] = 'g', ['զ'] = 'q', ['օ'] = 'o',

        // Latin letters that are not the ASCII ones
        ['ı'] = 'i', ['ȷ'] = 'j', ['ĸ'] = 'k', ['ɑ'] = 'a', ['ɡ'] = 'g', ['ɩ'] = 'i', ['ʏ'] = 'y', ['ǀ'] = 'l',

        // Dashes
        ['‐'] = '-', ['‒'] = '-', ['–'] = '-', ['−'] = '-', ['˗'] = '-',
    };

    private static readonly IdnMapping Idn = new();

    /// <summary>
    /// Compatibility-composed (NFKC, which turns full-width and styled letters into plain ones), without invisible
    /// format characters, lower-cased through upper case (so final and plain sigma, dotless and dotted i meet), with
    /// the domain's punycode labels and ideographic full stops in their Unicode form. Validate the result, not the input.
    /// </summary>
    public static string Normalize(string raw)
    {
        string composed;
        try
        {
            composed = raw.Trim().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalized; an empty address fails validation.
            return "";
        }

        var visible = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format && c is not (>= '\uFE00' and <= '\uFE0F'))
            {
                visible.Append(c is '\u3002' or '\uFF61' ? '.' : c);
            }
        }

        var folded = visible.ToString().ToUpperInvariant().ToLowerInvariant().Normalize(NormalizationForm.FormKC);
        var at = folded.LastIndexOf('@');
        if (at < 0 || !folded.Contains("xn--", StringComparison.Ordinal))
        {
            return folded;
        }

        try
        {
            return string.Concat(folded.AsSpan(0, at + 1), Idn.GetUnicode(folded[(at + 1)..]));
        }
        catch (ArgumentException)
        {
            // Not valid punycode: left as written, for validation to judge.
            return folded;
        }
    }

    /// <summary>
    /// The address with every look-alike letter replaced by the ASCII letter it looks like: two addresses with the same
    /// skeleton can be mistaken for each other. Takes a <see cref="Normalize">normalized</see> address.
    /// </summary>
    public static string Skeleton(string normalized) =>
        string.Create(normalized.Length, normalized, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = LookAlikes.GetValueOrDefault(text[i], text[i]);
            }
        });
}
