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
    /// <summary>Furniture is set no larger than the body text (a little larger, for rounding and small caps).</summary>
    private const double MaxScale = 1.15;

    private readonly HashSet<string> _running;
    private readonly double _bodySize;

    private PdfFurniture(HashSet<string> running, double bodySize)
    {
        _running = running;
        _bodySize = bodySize;
    }

    /// <summary>
    /// Margin lines no larger than the body text that recur on at least three pages (two, in a document of fewer than
    /// six), or on two pages at the very same height with more than one word. Chapters change their running header, so
    /// a short chapter shows its header on two pages only, always in the same place; a line of the text repeated in
    /// the same place on three pages, or word for word on two, is not the text of any one of them. Headings, larger
    /// than the body, are never taken for furniture.
    /// </summary>
    public static PdfFurniture Find(IReadOnlyList<List<PdfLine>> pages, double bodySize)
    {
        var threshold = Math.Clamp(pages.Count / 2, 2, 3);
        var pagesWith = new Dictionary<string, int>(StringComparer.Ordinal);
        var pagesWithInPlace = new Dictionary<(string Key, double Height), int>();
        var onThisPage = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lines in pages)
        {
            onThisPage.Clear();
            foreach (var line in lines.Where(l => l.InMargin && l.Size <= MaxScale * bodySize))
            {
                var key = Key(line.Text);
                if (onThisPage.Add(key))
                {
                    pagesWith[key] = pagesWith.GetValueOrDefault(key) + 1;
                    var place = (key, Math.Round(line.Baseline));
                    pagesWithInPlace[place] = pagesWithInPlace.GetValueOrDefault(place) + 1;
                }
            }
        }

        HashSet<string> running = [.. pagesWith.Where(pair => pair.Value >= threshold).Select(pair => pair.Key)];
        running.UnionWith(pagesWithInPlace.Where(pair => pair.Value >= 2 && pair.Key.Key.Contains(' ', StringComparison.Ordinal)).Select(pair => pair.Key.Key));
        return new PdfFurniture(running, bodySize);
    }

    /// <summary>True when the line is furniture of a page printed with <paramref name="label"/> as its page number.</summary>
    public bool Contains(PdfLine line, string? label) =>
        line.InMargin && line.Size <= MaxScale * _bodySize
        && (PageNumber().IsMatch(line.Text) || string.Equals(line.Text, label, StringComparison.OrdinalIgnoreCase) || _running.Contains(Key(line.Text)));

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
