using Lector.Grains.Documents;

namespace Lector.Grains.Ingestion;

/// <summary>
/// One document format. Parsers are picked by what the bytes are (magic bytes and structure), never by
/// file name or the client's content type. They refuse hostile or unreadable input with a <see cref="Abstractions.LectorException"/>.
/// </summary>
public interface IDocumentParser
{
    /// <summary>The API's <c>sourceType</c>: pdf, docx, epub, txt, markdown, html or text.</summary>
    string SourceType { get; }

    /// <summary>True when the content is in this format.</summary>
    bool Recognizes(UploadContent content);

    /// <summary>Refuses, before anything is stored, content that is unsafe, unreadable or has no text.</summary>
    void Inspect(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken);

    /// <summary>The document's sections in reading order.</summary>
    IReadOnlyList<DocumentSection> Parse(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken);
}

/// <summary>A run of text that starts a new page: a chapter, a headed section or a PDF page.</summary>
public sealed record DocumentSection(string? Title, IReadOnlyList<TextBlock> Blocks)
{
    public bool HasText => Blocks.Any(b => !string.IsNullOrWhiteSpace(b.Text));
}

/// <summary>A paragraph-like unit: the words to speak and unsanitized HTML to show them.</summary>
public sealed record TextBlock(string Text, string Html)
{
    public static TextBlock Paragraph(string text) => new(text, $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>");
}

/// <summary>Uploaded bytes, with their text decoded once for the parsers that need it.</summary>
public sealed class UploadContent(byte[] bytes)
{
    private readonly Lazy<string?> _text = new(() => TextDecoder.TryDecode(bytes));

    public byte[] Bytes => bytes;

    /// <summary>The bytes as text, or null when they are not text.</summary>
    public string? Text => _text.Value;
}
