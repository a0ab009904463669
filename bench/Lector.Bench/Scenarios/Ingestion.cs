using System.Diagnostics;
using Lector.Grains;
using Lector.Grains.Documents;
using Lector.Grains.Ingestion;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Lector.Bench.Scenarios;

/// <summary>
/// Lector's PDF reading (detection, inspection, parsing into pages with their labels, furniture left out and blocks
/// that end their sentences, and pagination with chapters and sanitized HTML, as an upload goes through them) against
/// poppler's <c>pdftotext</c> on the same file.
/// </summary>
public static class Ingestion
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        var pdfPath = Path.Combine(Path.GetTempPath(), $"lector-bench-{Guid.NewGuid():N}.pdf");
        var warmUpPath = Path.ChangeExtension(pdfPath, ".warm.pdf");
        try
        {
            var pageCount = MakePdf(pdfPath, sizes.PdfPages);
            var bytes = await File.ReadAllBytesAsync(pdfPath);
            var limits = new IngestionLimits { ParseTimeout = TimeSpan.FromMinutes(30) };

            // One untimed pass each on a few pages, so JIT and file cache are warm for both.
            MakePdf(warmUpPath, Math.Min(16, sizes.PdfPages));
            await ParseAsync(await File.ReadAllBytesAsync(warmUpPath), limits);
            await PdfToTextAsync(warmUpPath);
            var lector = new List<double>();
            var baseline = new List<double>();
            for (var run = 0; run < sizes.IngestionRuns; run++)
            {
                lector.Add(pageCount / await ParseAsync(bytes, limits));
                baseline.Add(pageCount / await PdfToTextAsync(pdfPath));
            }

            var rate = Format.Median(lector);
            var baselineRate = Format.Median(baseline);
            return
            [
                new($"Ingestion ({pageCount}-page PDF, {bytes.Length / 1024:N0} KiB, from the corpus GPL)",
                    Format.Number(rate, "pages/s"), Format.Number(baselineRate, "pages/s") + " (pdftotext)", rate / baselineRate,
                    $"Lector: detect + inspect + parse (glyphs in drawing order, labels, furniture, blocks, outline) + paginate (chapters, sanitized HTML), single thread; Lector {Format.Runs(lector, "0.0")} vs baseline {Format.Runs(baseline, "0.0")}"),
            ];
        }
        finally
        {
            File.Delete(pdfPath);
            File.Delete(warmUpPath);
        }
    }

    /// <summary>The corpus PDF's pages repeated until the document has <paramref name="pages"/> pages.</summary>
    private static int MakePdf(string path, int pages)
    {
        using var source = PdfReader.Open(Corpus.PathOf("gpl3.pdf"), PdfDocumentOpenMode.Import);
        using var document = new PdfDocument();
        for (var i = 0; i < pages; i++)
        {
            document.AddPage(source.Pages[i % source.PageCount]);
        }

        var count = document.PageCount;
        document.Save(path);
        return count;
    }

    /// <summary>Seconds Lector takes to read the PDF into pages and chapters.</summary>
    private static async Task<double> ParseAsync(byte[] bytes, IngestionLimits limits)
    {
        var clock = Stopwatch.StartNew();
        var parser = await DocumentIngestion.InspectAsync(bytes, limits);
        var parsed = await DocumentIngestion.ParseAsync(parser, bytes, limits);
        DocumentIngestion.RequireText(parsed);
        var document = TextPaginator.Paginate(parsed, new LectorOptions().MaxPageCharacters);
        if (document.Pages.Count != parsed.Sections.Count)
        {
            throw new InvalidOperationException("A PDF page did not become one page.");
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> PdfToTextAsync(string pdfPath)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("pdftotext", [pdfPath, "-"]) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("pdftotext did not start.");
        await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pdftotext exited with {process.ExitCode}.");
        }

        return clock.Elapsed.TotalSeconds;
    }
}
