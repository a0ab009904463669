using System.Net;
using System.Text;
using Lector.Grains.Documents;

namespace Lector.Grains.Ingestion;

/// <summary>
/// One document format. Parsers are picked by what the bytes are (magic bytes and structure), never by
/// file name or the client's content type. They refuse hostile or unreadable input with a <see cref="Abstractions.LectorException"/>.
/// </summary>
public interface IDocumentParser
{
    /// <summary>The API's <c>sourceType</c>: pdf, docx, epub, txt, markdown, html, text or url.</summary>
    string SourceType { get; }

    /// <summary>True when the content is in this format.</summary>
    bool Recognizes(UploadContent content);

    /// <summary>Refuses, before anything is stored, content that is unsafe, unreadable or has no text.</summary>
    void Inspect(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken);

    /// <summary>The document's sections in reading order, and its outline.</summary>
    ParsedDocument Parse(UploadContent content, IngestionLimits limits, CancellationToken cancellationToken);
}

/// <summary>A document as read: its sections in reading order and its outline (the source of its chapters).</summary>
/// <param name="Language">The language the document declares (BCP 47, see <see cref="LanguageTag"/>), or null.</param>
/// <param name="Title">The title the document gives itself, where a document is named by it (a fetched page), or null.</param>
public sealed record ParsedDocument(IReadOnlyList<DocumentSection> Sections, IReadOnlyList<OutlineEntry> Outline, string? Language = null, string? Title = null)
{
    public bool HasText => Sections.Any(s => s.HasText);
}

/// <summary>
/// A run of text that starts a new page: a chapter or a headed section, split into pages as long as it takes; or,
/// when <see cref="IsPage"/>, one page of a paged format (PDF), kept whole even when blank, with its printed label.
/// </summary>
public sealed record DocumentSection(string? Title, IReadOnlyList<TextBlock> Blocks, bool IsPage = false, string? Label = null)
{
    public bool HasText => Blocks.Any(b => !string.IsNullOrWhiteSpace(b.Text));
}

/// <summary>An entry of a document's outline (bookmarks, navigation, headings): its depth (1 is the top), its title and the section it starts.</summary>
public sealed record OutlineEntry(int Level, string Title, int Section);

/// <summary>A paragraph-like unit: the words to speak and unsanitized HTML to show them.</summary>
public sealed record TextBlock(string Text, string Html)
{
    public static TextBlock Paragraph(string text) => new(text, $"<p>{WebUtility.HtmlEncode(text)}</p>");

    /// <summary>
    /// A table, read row by row and each cell as a sentence of its own: cells on lines of their own, rows apart by
    /// blank lines. Shown as <paramref name="html"/>, or as a table made of the cells.
    /// </summary>
    public static TextBlock Table(IReadOnlyList<IReadOnlyList<string>> rows, string? html = null)
    {
        if (html is null)
        {
            var table = new StringBuilder("<table>");
            foreach (var row in rows)
            {
                table.Append("<tr>");
                foreach (var cell in row)
                {
                    table.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
                }

                table.Append("</tr>");
            }

            html = table.Append("</table>").ToString();
        }

        return new(string.Join("\n\n", rows.Select(row => string.Join('\n', row))), html);
    }
}

/// <summary>Uploaded bytes, with their text decoded once for the parsers that need it.</summary>
public sealed class UploadContent(byte[] bytes)
{
    private readonly Lazy<string?> _text = new(() => TextDecoder.TryDecode(bytes));

    public byte[] Bytes => bytes;

    /// <summary>The bytes as text, or null when they are not text.</summary>
    public string? Text => _text.Value;
}
