using System.Text;
using System.Text.RegularExpressions;

namespace Lector.Grains.Ingestion;

/// <summary>
/// Page furniture of a PDF, which is printed but never read: running headers and footers (lines in the top or bottom
/// margin that recur on several pages, digits ignored, so "Page 3" and "Page 4" or "4  Chapter 1" and "6  Chapter 1"
/// are the same line) and page-number lines in the margins.
/// </summary>
internal sealed partial class PdfFurniture
{
    private readonly HashSet<string> _running;

    private PdfFurniture(HashSet<string> running) => _running = running;

    /// <summary>
    /// Margin lines recurring on at least three pages (two, in a document of fewer than six): chapters change their
    /// running header, so half of all pages would miss most of them, and a line repeated in the same margin on three
    /// pages is not the text of any one of them.
    /// </summary>
    public static PdfFurniture Find(IReadOnlyList<List<PdfLine>> pages)
    {
        var threshold = Math.Clamp(pages.Count / 2, 2, 3);
        var pagesWith = new Dictionary<string, int>(StringComparer.Ordinal);
        var onThisPage = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lines in pages)
        {
            onThisPage.Clear();
            foreach (var line in lines.Where(l => l.InMargin))
            {
                var key = Key(line.Text);
                if (onThisPage.Add(key))
                {
                    pagesWith[key] = pagesWith.GetValueOrDefault(key) + 1;
                }
            }
        }

        return new PdfFurniture([.. pagesWith.Where(pair => pair.Value >= threshold).Select(pair => pair.Key)]);
    }

    /// <summary>True when the line is furniture of a page printed with <paramref name="label"/> as its page number.</summary>
    public bool Contains(PdfLine line, string? label) =>
        line.InMargin && (PageNumber().IsMatch(line.Text) || string.Equals(line.Text, label, StringComparison.OrdinalIgnoreCase) || _running.Contains(Key(line.Text)));

    /// <summary>Lower case, runs of digits as one '#', runs of spaces as one.</summary>
    private static string Key(string text)
    {
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var mapped = char.IsDigit(c) ? '#' : char.IsWhiteSpace(c) ? ' ' : char.ToLowerInvariant(c);
            if (key.Length == 0 || mapped is not ('#' or ' ') || key[^1] != mapped)
            {
                key.Append(mapped);
            }
        }

        return key.ToString();
    }

    /// <summary>"12", "- 12 -", "xii", "Page 3", "Page 3 of 10", "3 / 10".</summary>
    [GeneratedRegex(@"^[\s\-–—(\[]*(page\s+|p\.\s*)?(\d{1,5}|[ivxlcdm]{1,8})(\s*(/|of)\s*\d{1,5})?[\s\-–—)\]]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();
}
