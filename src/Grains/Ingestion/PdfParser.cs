using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Lector.Grains.Ingestion;

/// <summary>
/// PDF: one section per page, text blocks in reading order, words re-joined across line-end hyphens,
/// and running headers, footers and page numbers (lines in the page margins that repeat) dropped.
/// </summary>
public sealed partial class PdfParser : IDocumentParser
{
    /// <summary>Scanned PDFs have no text layer on any page; a text PDF shows text within its first pages.</summary>
    private const int PagesSampledForText = 20;

    /// <summary>Lines in the top or bottom part of a page this large are running header/footer candidates.</summary>
    private const double MarginFraction = 0.12;

    public string SourceType => "pdf";

    public bool Recognizes(UploadContent content) =>
        content.Bytes.AsSpan(0, Math.Min(content.Bytes.Length, 1024)).IndexOf("%PDF-"u8) >= 0;

    public void Inspect(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        using var pdf = Open(content, limits);
        for (var number = 1; number <= Math.Min(pdf.NumberOfPages, PagesSampledForText); number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pdf.GetPage(number).Letters.Any(l => l.Value.Any(char.IsLetterOrDigit)))
            {
                return;
            }
        }

        throw UploadErrors.Refuse(UploadErrors.NoText);
    }

    public IReadOnlyList<DocumentSection> Parse(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        using var pdf = Open(content, limits);
        var pages = new List<List<PdfLine>>();
        for (var number = 1; number <= pdf.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pages.Add(ReadLines(pdf.GetPage(number)));
        }

        var running = RunningLines(pages);
        var words = KnownWords(pages);
        return [.. pages.Select(lines => new DocumentSection(null, Paragraphs(lines.Where(l => !(l.InMargin && (running.Contains(l.Key) || PageNumber().IsMatch(l.Text)))), words)))];
    }

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

    /// <summary>A line of text; <see cref="Block"/> groups the lines of one layout block (a paragraph).</summary>
    private sealed record PdfLine(string Text, int Block, bool InMargin)
    {
        /// <summary>Digits blurred, so "Page 3" and "Page 4" count as the same running line.</summary>
        public string Key { get; } = Digits().Replace(Text.ToLowerInvariant(), "#");
    }

    private static List<PdfLine> ReadLines(Page page)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters);
        var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
        var ordered = UnsupervisedReadingOrderDetector.Instance.Get(blocks).OrderBy(b => b.ReadingOrder);
        var lines = new List<PdfLine>();
        var blockNumber = 0;
        foreach (var block in ordered)
        {
            foreach (var line in block.TextLines)
            {
                var text = HtmlBlocks.Normalize(line.Text);
                if (text.Length > 0)
                {
                    var inMargin = line.BoundingBox.Bottom > page.Height * (1 - MarginFraction) || line.BoundingBox.Top < page.Height * MarginFraction;
                    lines.Add(new PdfLine(text, blockNumber, inMargin));
                }
            }

            blockNumber++;
        }

        return lines;
    }

    /// <summary>Margin lines that recur on at least half of the pages (and on more than one).</summary>
    private static HashSet<string> RunningLines(List<List<PdfLine>> pages)
    {
        var threshold = Math.Max(2, (pages.Count + 1) / 2);
        return [.. pages
            .SelectMany(lines => lines.Where(l => l.InMargin).Select(l => l.Key).Distinct())
            .CountBy(key => key)
            .Where(pair => pair.Value >= threshold)
            .Select(pair => pair.Key)];
    }

    /// <summary>Every word of the document, to tell a split word ("licen-se") from a hyphenated compound ("third-party").</summary>
    private static HashSet<string> KnownWords(List<List<PdfLine>> pages) =>
        [.. pages.SelectMany(lines => lines).SelectMany(l => WordPattern().Matches(l.Text).Select(m => m.Value.ToLowerInvariant()))];

    private static List<TextBlock> Paragraphs(IEnumerable<PdfLine> lines, HashSet<string> knownWords) =>
        [.. lines.GroupBy(l => l.Block).Select(block => TextBlock.Paragraph(JoinLines(block.Select(l => l.Text), knownWords)))];

    private static string JoinLines(IEnumerable<string> lines, HashSet<string> knownWords)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (text.Length == 0)
            {
                text.Append(line);
                continue;
            }

            if (text[^1] == '\u00AD')
            {
                text.Length--;
            }
            else if (text[^1] == '-' && text.Length > 1 && char.IsLetter(text[^2]) && line.Length > 0 && char.IsLetter(line[0]))
            {
                if (JoinsHyphenatedWord(text, line, knownWords))
                {
                    text.Length--;
                }
            }
            else
            {
                text.Append(' ');
            }

            text.Append(line);
        }

        return text.ToString();
    }

    /// <summary>True when a line-end hyphen split one word: the joined word occurs in the document, or the hyphenated one does not and the next line goes on in lower case.</summary>
    private static bool JoinsHyphenatedWord(StringBuilder text, string nextLine, HashSet<string> knownWords)
    {
        var start = text.Length - 1;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        var head = text.ToString(start, text.Length - 1 - start).ToLowerInvariant();
        var tail = WordPattern().Match(nextLine).Value.ToLowerInvariant();
        if (knownWords.Contains(head + tail))
        {
            return true;
        }

        return !knownWords.Contains($"{head}-{tail}") && char.IsLower(nextLine[0]);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\s*(page\s+)?\d+(\s*(/|of)\s*\d+)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\p{L}+(-\p{L}+)*")]
    private static partial Regex WordPattern();
}
