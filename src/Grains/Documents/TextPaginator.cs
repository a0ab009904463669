using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Lector.Abstractions.Documents;

namespace Lector.Grains.Documents;

/// <summary>
/// Splits text into pages of at most a given size: whole paragraphs where they fit, a long paragraph
/// at sentence boundaries, a run-on sentence at spaces; never inside a word unless one word is longer than a page.
/// </summary>
public static partial class TextPaginator
{
    public static IReadOnlyList<PageContent> Paginate(string text, int maxCharacters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 100);
        var pages = new List<PageContent>();
        var current = new List<string>();
        var length = 0;

        void Flush()
        {
            if (current.Count > 0)
            {
                pages.Add(ToPage(pages.Count + 1, current));
                current = [];
                length = 0;
            }
        }

        foreach (var piece in Paragraphs(text).SelectMany(p => Fit(p, maxCharacters)))
        {
            var added = piece.Length + (current.Count > 0 ? 2 : 0);
            if (length + added > maxCharacters)
            {
                Flush();
                added = piece.Length;
            }

            current.Add(piece);
            length += added;
        }

        Flush();
        return pages;
    }

    public static string Preview(string text, int length = 160)
    {
        var flat = Whitespace().Replace(text, " ").Trim();
        return flat.Length <= length ? flat : string.Concat(flat.AsSpan(0, length - 1).TrimEnd(), "…");
    }

    private static PageContent ToPage(int number, List<string> paragraphs)
    {
        var html = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
        }

        return new PageContent(number, null, string.Join("\n\n", paragraphs), html.ToString());
    }

    private static IEnumerable<string> Paragraphs(string text) =>
        ParagraphBreak().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
            .Select(p => Whitespace().Replace(p, " ").Trim())
            .Where(p => p.Length > 0);

    /// <summary>A paragraph as pieces no longer than the limit.</summary>
    private static IEnumerable<string> Fit(string paragraph, int max)
    {
        if (paragraph.Length <= max)
        {
            yield return paragraph;
            yield break;
        }

        var piece = new StringBuilder();
        foreach (var sentence in SentenceBreak().Split(paragraph).SelectMany(s => SplitLong(s, max)))
        {
            if (piece.Length > 0 && piece.Length + 1 + sentence.Length > max)
            {
                yield return piece.ToString();
                piece.Clear();
            }

            piece.Append(piece.Length > 0 ? " " : "").Append(sentence);
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    /// <summary>A sentence longer than a page is cut at the last space that fits.</summary>
    private static IEnumerable<string> SplitLong(string sentence, int max)
    {
        var rest = sentence.AsMemory();
        while (rest.Length > max)
        {
            var cut = rest.Span[..(max + 1)].LastIndexOf(' ');
            if (cut <= 0)
            {
                cut = max;
            }

            yield return rest[..cut].ToString().Trim();
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            yield return rest.ToString();
        }
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"(?<=[.!?…][""'”’)\]]?)\s+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
