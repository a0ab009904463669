using System.Text;
using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Web addresses, e-mail addresses and file paths read as people say them: "https://example.com/docs/" is
/// "example dot com slash docs", "info@fsf.org" is "info at fsf dot org", "/usr/share/doc" is "slash usr slash share
/// slash doc". The scheme and "mailto:" are dropped, and so are a query and a fragment, which nobody reads aloud;
/// "www" stays, since people say it. Angle brackets around an address go with it. Words are never spelled out:
/// "docs" stays a word for the engine to say.
/// </summary>
internal static partial class WebAddresses
{
    private const string AddressCharacters = @"[^\s<>""'`{}|\\^\[\]]";

    public static string Apply(string text, SpokenWords words)
    {
        text = EmailAddress().Replace(text, m => $"{Spoken(m.Groups["local"].Value, words)} {words.At} {Spoken(m.Groups["domain"].Value, words)}");
        text = Url().Replace(text, m => Address(m, words));
        return FilePath().Replace(text, m =>
        {
            var (path, trailing) = WithoutTrailingPunctuation(m.Value);
            return Path(path.TrimEnd('/'), words) + trailing;
        });
    }

    private static string Address(Match match, SpokenWords words)
    {
        var (address, trailing) = WithoutTrailingPunctuation(match.Groups["address"].Value);
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            address = address[(scheme + 3)..];
        }

        var cut = address.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            address = address[..cut];
        }

        var slash = address.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? address : address[..slash];
        var said = Spoken(host, words);
        var path = slash < 0 ? "" : address[slash..].TrimEnd('/');
        return (path.Length > 0 ? $"{said} {Path(path, words)}" : said) + trailing;
    }

    /// <summary>"/usr/share/doc" -> "slash usr slash share slash doc"; "~/.bashrc" -> "tilde slash dot bashrc".</summary>
    private static string Path(string path, SpokenWords words)
    {
        var said = new List<string>();
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                said.Add(words.Slash);
            }

            if (segments[i].Length > 0)
            {
                said.Add(Spoken(Uri.UnescapeDataString(segments[i]), words));
            }
        }

        return string.Join(' ', said);
    }

    /// <summary>A host name, a path segment or the local part of an e-mail address, its signs said as words.</summary>
    private static string Spoken(string part, SpokenWords words)
    {
        var said = new StringBuilder(part.Length * 2);
        foreach (var c in part)
        {
            var word = c switch
            {
                '.' => words.Dot,
                '-' => words.Dash,
                '_' => words.Underscore,
                '~' => words.Tilde,
                '+' => words.Plus,
                ':' => words.Colon,
                '@' => words.At,
                _ => null,
            };
            if (word is null)
            {
                said.Append(c);
            }
            else
            {
                said.Append(' ').Append(word).Append(' ');
            }
        }

        return Spaces().Replace(said.ToString(), " ").Trim();
    }

    /// <summary>A full stop or comma after an address is the sentence's; a ")" belongs to the address only when it opened one.</summary>
    private static (string Address, string Trailing) WithoutTrailingPunctuation(string address)
    {
        var end = address.Length;
        while (end > 0 && (".,;:!?'\"".Contains(address[end - 1], StringComparison.Ordinal)
            || (address[end - 1] == ')' && address.AsSpan(0, end).Count('(') < address.AsSpan(0, end).Count(')'))))
        {
            end--;
        }

        return (address[..end], address[end..]);
    }

    [GeneratedRegex(@"<?(?:mailto:)?(?<![\p{L}\p{N}._%+-])(?<local>[\p{L}\p{N}._%+-]+)@(?<domain>[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)>?")]
    private static partial Regex EmailAddress();

    /// <summary>
    /// With a scheme, from "www.", or a lower-case host name with a path ("example.com/docs"); a host name alone
    /// ("gnu.org") is read as a dotted name by <see cref="CodeIdentifiers"/>, the same way.
    /// </summary>
    [GeneratedRegex(
        @"<?(?<address>(?<![\p{L}\p{N}_.@/-])(?:[a-zA-Z][a-zA-Z0-9+.-]*://" + AddressCharacters + "+" +
        @"|www\." + AddressCharacters + "+" +
        @"|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{2,5})?/" + AddressCharacters + "*))>?")]
    private static partial Regex Url();

    /// <summary>An absolute path of two segments or more ("/usr/share/doc"), or one from home or here ("~/.bashrc", "./configure").</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.~/:])(?:(?:~|\.{1,2})/(?:[\p{L}\p{N}_.+-]+/)*[\p{L}\p{N}_.+-]+|/(?:[\p{L}\p{N}_.+-]+/)+[\p{L}\p{N}_.+-]*)")]
    private static partial Regex FilePath();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
