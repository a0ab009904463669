using System.Globalization;
using System.Text;

namespace Lector.Testing;

/// <summary>
/// Writes small PDFs object by object, for what the PDF libraries here cannot write: page labels, tagged artifacts,
/// an outline, ligature glyphs. Text is set in the standard Helvetica fonts (no embedding) on US Letter pages,
/// positioned from the top left in points.
/// </summary>
public sealed class TestPdf
{
    public const double PageWidth = 612;
    public const double PageHeight = 792;

    private readonly List<List<Text>> _pages = [];
    private readonly List<(int FirstPage, string? Style, string Prefix, int Start)> _labels = [];
    private readonly List<(string Title, int Page, int Level)> _outline = [];
    private string? _language;

    /// <summary>A run of text; <paramref name="Artifact"/> marks it as pagination furniture, as a tagged PDF does.</summary>
    public sealed record Text(string Value, double X, double Y, double Size = 11, bool Bold = false, bool Artifact = false);

    /// <summary>Adds a page with these texts (none: a blank page).</summary>
    public TestPdf Page(params Text[] texts)
    {
        _pages.Add([.. texts]);
        return this;
    }

    /// <summary>Adds a page whose lines are set 14 points apart from <paramref name="top"/>, at the left margin.</summary>
    public TestPdf Lines(double top, params string[] lines) => Page([.. lines.Select((line, i) => new Text(line, 72, top + (14 * i)))]);

    /// <summary>Pages from <paramref name="firstPage"/> (1-based) on are labelled in <paramref name="style"/> (D, R, r, A, a, or null for the prefix alone).</summary>
    public TestPdf Labels(int firstPage, string? style, string prefix = "", int start = 1)
    {
        _labels.Add((firstPage, style, prefix, start));
        return this;
    }

    /// <summary>The catalog's <c>/Lang</c>: the language the document declares.</summary>
    public TestPdf Language(string tag)
    {
        _language = tag;
        return this;
    }

    /// <summary>An outline entry leading to <paramref name="page"/> (1-based); level 2 entries nest under the last level 1.</summary>
    public TestPdf Bookmark(string title, int page, int level = 1)
    {
        _outline.Add((title, page, level));
        return this;
    }

    public byte[] ToBytes()
    {
        var objects = new List<string>();
        int Reserve()
        {
            objects.Add("");
            return objects.Count;
        }

        var catalog = Reserve();
        var pagesTree = Reserve();
        var regular = Reserve();
        var bold = Reserve();
        objects[regular - 1] = Font("Helvetica");
        objects[bold - 1] = Font("Helvetica-Bold");
        var pageIds = new List<int>();
        foreach (var page in _pages)
        {
            var pageId = Reserve();
            var content = Reserve();
            var stream = Content(page);
            objects[content - 1] = $"<< /Length {Encoding.Latin1.GetByteCount(stream)} >>\nstream\n{stream}\nendstream";
            objects[pageId - 1] = $"<< /Type /Page /Parent {pagesTree} 0 R /MediaBox [0 0 {PageWidth} {PageHeight}] /Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >> /Contents {content} 0 R >>";
            pageIds.Add(pageId);
        }

        objects[pagesTree - 1] = $"<< /Type /Pages /Kids [{string.Join(' ', pageIds.Select(id => $"{id} 0 R"))}] /Count {pageIds.Count} >>";
        var extra = new StringBuilder();
        if (_labels.Count > 0)
        {
            extra.Append(" /PageLabels << /Nums [");
            foreach (var (firstPage, style, prefix, start) in _labels)
            {
                extra.Append(CultureInfo.InvariantCulture, $" {firstPage - 1} <<");
                extra.Append(style is null ? "" : $" /S /{style}").Append(prefix.Length > 0 ? $" /P ({prefix})" : "").Append(CultureInfo.InvariantCulture, $" /St {start} >>");
            }

            extra.Append(" ] >>");
        }

        if (_language is not null)
        {
            extra.Append(CultureInfo.InvariantCulture, $" /Lang ({_language})");
        }

        if (_outline.Count > 0)
        {
            extra.Append(CultureInfo.InvariantCulture, $" /Outlines {WriteOutline(Reserve, objects, pageIds)} 0 R");
        }

        objects[catalog - 1] = $"<< /Type /Catalog /Pages {pagesTree} 0 R{extra} >>";
        return Serialize(objects, catalog);
    }

    /// <summary>Helvetica with WinAnsi codes, and codes 1 and 2 drawing the fi and fl ligatures, as Type 1 typesetting does.</summary>
    private static string Font(string name) =>
        $"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >> >>";

    private static string Content(List<Text> texts)
    {
        var stream = new StringBuilder();
        foreach (var text in texts)
        {
            if (text.Artifact)
            {
                stream.Append("/Artifact << /Type /Pagination >> BDC\n");
            }

            stream.Append(CultureInfo.InvariantCulture, $"BT /{(text.Bold ? "F2" : "F1")} {text.Size} Tf {text.X} {PageHeight - text.Y} Td ({Escape(text.Value)}) Tj ET\n");
            if (text.Artifact)
            {
                stream.Append("EMC\n");
            }
        }

        return stream.ToString();
    }

    /// <summary>The outline's objects; entries of level 2 become children of the level 1 entry before them.</summary>
    private int WriteOutline(Func<int> reserve, List<string> objects, List<int> pageIds)
    {
        var root = reserve();
        var ids = _outline.Select(_ => reserve()).ToList();
        var parents = new int[_outline.Count];
        var lastTop = root;
        for (var i = 0; i < _outline.Count; i++)
        {
            parents[i] = _outline[i].Level == 1 ? root : lastTop;
            if (_outline[i].Level == 1)
            {
                lastTop = ids[i];
            }
        }

        int[] ChildrenOf(int parent) => [.. ids.Where((_, i) => parents[i] == parent)];
        string Children(int parent)
        {
            var children = ChildrenOf(parent);
            return children.Length == 0 ? "" : $" /First {children[0]} 0 R /Last {children[^1]} 0 R /Count {children.Length}";
        }

        for (var i = 0; i < _outline.Count; i++)
        {
            var siblings = ChildrenOf(parents[i]);
            var at = Array.IndexOf(siblings, ids[i]);
            var links = (at > 0 ? $" /Prev {siblings[at - 1]} 0 R" : "") + (at + 1 < siblings.Length ? $" /Next {siblings[at + 1]} 0 R" : "");
            objects[ids[i] - 1] = $"<< /Title ({Escape(_outline[i].Title)}) /Parent {parents[i]} 0 R{links}{Children(ids[i])} /Dest [{pageIds[_outline[i].Page - 1]} 0 R /Fit] >>";
        }

        objects[root - 1] = $"<< /Type /Outlines{Children(root)} >>";
        return root;
    }

    private static byte[] Serialize(List<string> objects, int catalog)
    {
        using var buffer = new MemoryStream();
        void Write(string text) => buffer.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(buffer.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = buffer.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {objects.Count + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return buffer.ToArray();
    }

    /// <summary>The text in the fonts' codes: WinAnsi for what it has, the ligature codes, and escapes for the string syntax.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '(' or ')' or '\\' => $"\\{c}",
                '\uFB01' => "\\001",
                '\uFB02' => "\\002",
                '•' => "\\225",
                '–' => "\\226",
                '—' => "\\227",
                '’' => "\\222",
                '“' => "\\223",
                '”' => "\\224",
                '…' => "\\205",
                _ when c < 128 => c.ToString(),
                _ => "?",
            });
        }

        return escaped.ToString();
    }
}
