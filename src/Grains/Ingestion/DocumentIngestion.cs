using System.Diagnostics;
using Lector.Abstractions;

namespace Lector.Grains.Ingestion;

/// <summary>Picks the parser by content and runs inspection and parsing off the caller's thread within the time budget.</summary>
public static class DocumentIngestion
{
    public static IDocumentParser PastedText { get; } = new PlainTextParser("text");

    private static readonly IDocumentParser WebArticle = new WebArticleParser();

    private static readonly IDocumentParser TextFile = new PlainTextParser("txt");

    /// <summary>Most specific first: plain text accepts anything that decodes as text.</summary>
    private static readonly IDocumentParser[] Parsers =
        [new PdfParser(), new DocxParser(), new EpubParser(), new HtmlParser(), new MarkdownParser(), TextFile];

    /// <summary>The parser for the bytes; refuses empty and unsupported content.</summary>
    public static IDocumentParser Detect(UploadContent content)
    {
        if (content.Bytes.Length == 0)
        {
            throw UploadErrors.Refuse(UploadErrors.Empty);
        }

        return Parsers.FirstOrDefault(p => p.Recognizes(content)) ?? throw UploadErrors.Refuse(UploadErrors.UnsupportedType);
    }

    public static IDocumentParser ForSourceType(string sourceType) =>
        sourceType == PastedText.SourceType ? PastedText
        : sourceType == WebArticle.SourceType ? WebArticle
        : Parsers.First(p => p.SourceType == sourceType);

    /// <summary>The parser for a page fetched from the web, by the type it was served as: plain text as a text file, else the article in the HTML.</summary>
    public static IDocumentParser ForWebPage(bool isPlainText) => isPlainText ? TextFile : WebArticle;

    /// <summary>Detects and inspects an upload; throws the refusal when it must not be stored.</summary>
    public static Task<IDocumentParser> InspectAsync(byte[] bytes, IngestionLimits limits) =>
        RunBoundedAsync(limits, cancellationToken =>
        {
            var content = new UploadContent(bytes);
            var parser = Detect(content);
            parser.Inspect(content, limits, cancellationToken);
            return parser;
        });

    public static Task<ParsedDocument> ParseAsync(IDocumentParser parser, byte[] bytes, IngestionLimits limits) =>
        RunBoundedAsync(limits, cancellationToken => parser.Parse(new UploadContent(bytes), limits, cancellationToken));

    public static void RequireText(ParsedDocument document)
    {
        if (!document.HasText)
        {
            throw UploadErrors.Refuse(UploadErrors.NoText);
        }
    }

    /// <summary>
    /// Runs CPU-bound parsing on the thread pool so no grain turn waits on it. Parsers check the token between
    /// pages and entries; one stuck inside a library call is abandoned when the budget runs out. The budget is
    /// also checked against the clock when parsing ends: on a busy machine the timer that cancels the token
    /// may fire late, and a parse that ran past its budget is refused whether or not the timer was on time.
    /// </summary>
    private static async Task<T> RunBoundedAsync<T>(IngestionLimits limits, Func<CancellationToken, T> work)
    {
        using var budget = new CancellationTokenSource(limits.ParseTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await Task.Run(() => work(budget.Token), budget.Token).WaitAsync(limits.ParseTimeout + TimeSpan.FromSeconds(1));
            if (Stopwatch.GetElapsedTime(started) > limits.ParseTimeout)
            {
                throw new TimeoutException();
            }

            return result;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && budget.IsCancellationRequested))
        {
            throw UploadErrors.Refuse(UploadErrors.ParseTimeout);
        }
        catch (Exception e) when (e is not LectorException and not OutOfMemoryException)
        {
            // Parsers map what they recognise; anything a library throws on hostile bytes means the file is damaged.
            throw UploadErrors.Refuse(UploadErrors.Malformed);
        }
    }
}
