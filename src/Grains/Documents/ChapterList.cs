using Lector.Abstractions.Documents;
using Lector.Grains.Ingestion;

namespace Lector.Grains.Documents;

/// <summary>
/// A document's chapters from its outline: the entries of the outline's chapter level, the shallowest level with
/// more than one entry (a single top entry is the book's own title; its children are the chapters). A chapter runs
/// from the page its section starts on to the page before the next chapter's.
/// </summary>
public static class ChapterList
{
    /// <summary>At most this many chapters are kept, so a document's state stays bounded whatever its outline.</summary>
    public const int MaxChapters = 1000;

    public const int MaxTitleLength = 200;

    /// <param name="outline">The outline, in document order.</param>
    /// <param name="sectionFirstPages">For each section, the number of the page it starts on.</param>
    /// <param name="pageCount">How many pages the document has.</param>
    public static IReadOnlyList<Chapter> From(IReadOnlyList<OutlineEntry> outline, IReadOnlyList<int> sectionFirstPages, int pageCount)
    {
        var entries = outline.Where(e => e.Section >= 0 && e.Section < sectionFirstPages.Count && HtmlBlocks.Normalize(e.Title).Length > 0).ToList();
        if (entries.Count == 0 || pageCount == 0)
        {
            return [];
        }

        var levels = entries.CountBy(e => e.Level).OrderBy(pair => pair.Key).ToList();
        var level = levels.FirstOrDefault(pair => pair.Value > 1, levels[0]).Key;
        var starts = entries
            .Where(e => e.Level == level)
            .Select(e => (Title: Shorten(HtmlBlocks.Normalize(e.Title)), FirstPage: Math.Clamp(sectionFirstPages[e.Section], 1, pageCount)))
            .OrderBy(c => c.FirstPage)
            .Take(MaxChapters)
            .ToList();
        return [.. starts.Select((c, i) => new Chapter(
            i + 1,
            c.Title,
            c.FirstPage,
            i + 1 < starts.Count ? Math.Max(c.FirstPage, starts[i + 1].FirstPage - 1) : pageCount))];
    }

    private static string Shorten(string title) =>
        title.Length <= MaxTitleLength ? title : string.Concat(title.AsSpan(0, MaxTitleLength - 1).TrimEnd(), "…");
}
