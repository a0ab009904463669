using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Tokens;

namespace Lector.Grains.Ingestion;

/// <summary>
/// PDF: one section per page, kept whole with its printed label, so Lector's page n is the PDF's page n. Each page's
/// lines (<see cref="PdfLines"/>) lose their furniture (<see cref="PdfFurniture"/>) and become blocks that end their
/// own sentences (<see cref="PdfBlocks"/>); the outline (bookmarks) is the source of the chapters.
/// </summary>
public sealed class PdfParser : IDocumentParser
{
    /// <summary>Scanned PDFs have no text layer on any page; a text PDF shows text within its first pages.</summary>
    private const int PagesSampledForText = 20;

    public string SourceType => "pdf";

    public bool Recognizes(UploadContent content) =>
        content.Bytes.AsSpan(0, Math.Min(content.Bytes.Length, 1024)).IndexOf("%PDF-"u8) >= 0;

    public void Inspect(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        using var pdf = Open(content, limits);
        for (var number = 1; number <= Math.Min(pdf.NumberOfPages, PagesSampledForText); number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pdf.GetPage<PdfGlyphPage>(number).Glyphs.Any(g => !g.Artifact && g.Value.Any(char.IsLetterOrDigit)))
            {
                return;
            }
        }

        throw UploadErrors.Refuse(UploadErrors.NoText);
    }

    public ParsedDocument Parse(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        using var pdf = Open(content, limits);
        var labels = ReadLabels(pdf);
        var pages = new List<List<PdfLine>>(pdf.NumberOfPages);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var textAtSize = new Dictionary<double, int>();
        for (var number = 1; number <= pdf.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lines = PdfLines.Read(pdf.GetPage<PdfGlyphPage>(number));
            foreach (var line in lines)
            {
                PdfBlocks.CollectWords(line.Text, words);
                var size = Math.Round(line.Size * 2) / 2;
                textAtSize[size] = textAtSize.GetValueOrDefault(size) + line.Text.Length;
            }

            pages.Add(lines);
        }

        var bodySize = textAtSize.Count > 0 ? textAtSize.MaxBy(pair => pair.Value).Key : 10;
        var furniture = PdfFurniture.Find(pages, bodySize);
        var sections = new List<DocumentSection>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var label = labels?[i];
            var blocks = PdfBlocks.Build([.. pages[i].Where(l => !furniture.Contains(l, label))], words, bodySize);
            sections.Add(new DocumentSection(null, blocks, IsPage: true, Label: label));
        }

        return new ParsedDocument(sections, Outline(pdf), LanguageTag.Parse(DeclaredLanguage(pdf)));
    }

    /// <summary>The catalog's <c>/Lang</c> (ISO 32000-1, 14.9.2): the natural language of the document's text.</summary>
    private static string? DeclaredLanguage(PdfDocument pdf) =>
        pdf.Structure.Catalog.CatalogDictionary.TryGet(Lang, pdf.Structure.TokenScanner, out StringToken? language) ? language!.Data : null;

    private static readonly NameToken Lang = NameToken.Create("Lang");

    private static PdfDocument Open(UploadContent content, IngestionLimits limits)
    {
        PdfDocument pdf;
        try
        {
            pdf = PdfDocument.Open(content.Bytes, new ParsingOptions { SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            throw UploadErrors.Refuse(UploadErrors.Encrypted);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            throw UploadErrors.Refuse(UploadErrors.Malformed);
        }

        pdf.AddPageFactory<PdfGlyphPage, PdfGlyphPageFactory>();
        if (pdf.NumberOfPages > limits.MaxPages)
        {
            pdf.Dispose();
            throw UploadErrors.Refuse(UploadErrors.TooManyPages);
        }

        if (pdf.NumberOfPages == 0)
        {
            pdf.Dispose();
            throw UploadErrors.Refuse(UploadErrors.NoText);
        }

        return pdf;
    }

    /// <summary>Labels are a nicety: a damaged label tree leaves the pages without them rather than refusing the document.</summary>
    private static string?[]? ReadLabels(PdfDocument pdf)
    {
        try
        {
            return PdfPageLabels.Read(pdf);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>The bookmarks that lead to a page of the document, in order, with their depth.</summary>
    private static List<OutlineEntry> Outline(PdfDocument pdf)
    {
        var entries = new List<OutlineEntry>();
        if (!pdf.TryGetBookmarks(out var bookmarks, false))
        {
            return entries;
        }

        foreach (var root in bookmarks.Roots)
        {
            Visit(root, 1);
        }

        return entries;

        void Visit(BookmarkNode node, int level)
        {
            if (node is DocumentBookmarkNode { PageNumber: var page } && page >= 1 && page <= pdf.NumberOfPages)
            {
                entries.Add(new OutlineEntry(level, node.Title ?? "", page - 1));
            }

            foreach (var child in node.Children)
            {
                Visit(child, level + 1);
            }
        }
    }
}
