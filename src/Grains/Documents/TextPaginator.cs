using System.Text;
using System.Text.RegularExpressions;
using Ganss.Xss;
using Lector.Abstractions.Documents;
using Lector.Grains.Ingestion;

namespace Lector.Grains.Documents;

/// <summary>A document's pages, numbered from 1, and its chapters.</summary>
public sealed record PaginatedDocument(IReadOnlyList<PageContent> Pages, IReadOnlyList<Chapter> Chapters);

/// <summary>
/// Splits sections into pages of at most a given size: whole blocks where they fit, a long block
/// at sentence boundaries, a run-on sentence at spaces; never inside a word unless one word is longer than a page.
/// A section that is a page of its source (a PDF page) stays one page, whatever its size.
/// </summary>
public static partial class TextPaginator
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>
    /// Pages of at most <paramref name="maxCharacters"/> each; every section starts a new page, and its pages carry
    /// its title; the outline becomes chapters by the pages its sections start on.
    /// </summary>
    public static PaginatedDocument Paginate(ParsedDocument document, int maxCharacters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 100);
        var pages = new List<PageContent>();
        var firstPages = new int[document.Sections.Count];
        for (var index = 0; index < document.Sections.Count; index++)
        {
            var section = document.Sections[index];
            firstPages[index] = pages.Count + 1;
            if (section.IsPage)
            {
                pages.Add(ToPage(pages.Count + 1, section.Title, [.. section.Blocks.Where(b => b.Text.Length > 0)], section.Label));
                continue;
            }

            var current = new List<TextBlock>();
            var length = 0;

            void Flush()
            {
                if (current.Count > 0)
                {
                    pages.Add(ToPage(pages.Count + 1, section.Title, current, null));
                    current = [];
                    length = 0;
                }
            }

            foreach (var piece in section.Blocks.Where(b => b.Text.Length > 0).SelectMany(b => Fit(b, maxCharacters)))
            {
                var added = piece.Text.Length + (current.Count > 0 ? 2 : 0);
                if (length + added > maxCharacters)
                {
                    Flush();
                    added = piece.Text.Length;
                }

                current.Add(piece);
                length += added;
            }

            Flush();
        }

        return new PaginatedDocument(pages, ChapterList.From(document.Outline, firstPages, pages.Count));
    }

    /// <summary>A page whose text was typed by a user: paragraphs at blank lines, HTML made from the text alone.</summary>
    public static PageContent PageFromText(int number, string? title, string text, string? label) =>
        ToPage(number, title, [.. Paragraphs(text).Select(TextBlock.Paragraph)], label);

    /// <summary>Paragraphs at blank lines, each with its whitespace collapsed.</summary>
    public static IEnumerable<string> Paragraphs(string text) =>
        ParagraphBreak().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
            .Select(p => Whitespace().Replace(p, " ").Trim())
            .Where(p => p.Length > 0);

    public static string Preview(string text, int length = 160)
    {
        var flat = Whitespace().Replace(text, " ").Trim();
        return flat.Length <= length ? flat : string.Concat(flat.AsSpan(0, length - 1).TrimEnd(), "…");
    }

    private static PageContent ToPage(int number, string? title, List<TextBlock> blocks, string? label) =>
        new(number, title, string.Join("\n\n", blocks.Select(b => b.Text)), Sanitizer.Sanitize(string.Concat(blocks.Select(b => b.Html))), label);

    /// <summary>Display HTML keeps structure and links only: no scripts, event handlers, styles or non-web URLs.</summary>
    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code",
                "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "mark", "q", "cite", "abbr", "span", "a",
                "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "colspan", "rowspan", "lang" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        };
        return new HtmlSanitizer(options);
    }

    /// <summary>
    /// A block as pieces no longer than the limit; a split block loses its markup and becomes plain paragraphs whose
    /// lines (a table's cells) stay lines, and whose long lines are cut at sentence ends.
    /// </summary>
    private static IEnumerable<TextBlock> Fit(TextBlock block, int max)
    {
        if (block.Text.Length <= max)
        {
            yield return block;
            yield break;
        }

        var piece = new StringBuilder();
        foreach (var line in block.Text.Split('\n').Select(l => Whitespace().Replace(l, " ").Trim()).Where(l => l.Length > 0))
        {
            var separator = '\n';
            foreach (var sentence in SentenceBreak().Split(line).SelectMany(s => SplitLong(s, max)))
            {
                if (piece.Length > 0 && piece.Length + 1 + sentence.Length > max)
                {
                    yield return TextBlock.Paragraph(piece.ToString());
                    piece.Clear();
                }

                if (piece.Length > 0)
                {
                    piece.Append(separator);
                }

                piece.Append(sentence);
                separator = ' ';
            }
        }

        if (piece.Length > 0)
        {
            yield return TextBlock.Paragraph(piece.ToString());
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
