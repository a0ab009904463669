using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using AngleSharpHtmlParser = AngleSharp.Html.Parser.HtmlParser;

namespace Lector.Grains.Ingestion;

/// <summary>A block of an HTML document; <see cref="HeadingLevel"/> is 1-6 for headings, 0 otherwise.</summary>
internal sealed record HtmlBlock(int HeadingLevel, TextBlock Block);

/// <summary>
/// Turns an HTML tree into blocks of readable text in document order, leaving out scripts, styles,
/// forms and navigation chrome. Shared by the HTML, Markdown and EPUB parsers.
/// </summary>
internal static partial class HtmlBlocks
{
    /// <summary>Headings at or above this level start a new section.</summary>
    public const int SectionHeadingLevel = 3;

    private static readonly string[] Chrome =
    [
        "script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "object", "embed", "svg",
        "canvas", "button", "input", "select", "textarea", "[hidden]", "[aria-hidden=true]", "[role=navigation]",
        "[role=search]", "[role=complementary]", "[role=contentinfo]",
    ];

    private static readonly HashSet<string> BlockTags =
    [
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
    ];

    public static IDocument ParseDocument(string html) => new AngleSharpHtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html);

    /// <summary>The main content's blocks: the <c>main</c> element or the only <c>article</c> when there is one, else the body.</summary>
    public static IReadOnlyList<HtmlBlock> Extract(IDocument document, CancellationToken cancellationToken)
    {
        RemoveChrome(document);
        var articles = document.QuerySelectorAll("article");
        var root = document.QuerySelector("main, [role=main]") ?? (articles.Length == 1 ? articles[0] : document.Body);
        return root is null ? [] : Blocks(root, cancellationToken);
    }

    /// <summary>Removes what is never text to read (scripts, styles, forms, navigation, site footers) and makes line breaks spaces.</summary>
    public static void RemoveChrome(IDocument document)
    {
        foreach (var chrome in document.QuerySelectorAll(string.Join(',', Chrome)).ToList())
        {
            chrome.Remove();
        }

        // Site footers are chrome; a footer inside an article belongs to it.
        foreach (var footer in document.QuerySelectorAll("footer").Where(f => f.Closest("article") is null).ToList())
        {
            footer.Remove();
        }

        foreach (var lineBreak in document.QuerySelectorAll("br").ToList())
        {
            lineBreak.Parent?.InsertBefore(document.CreateTextNode(" "), lineBreak);
        }
    }

    /// <summary>The blocks of what <paramref name="container"/> holds, in document order.</summary>
    public static List<HtmlBlock> Blocks(IElement container, CancellationToken cancellationToken)
    {
        var blocks = new List<HtmlBlock>();
        Walk(container, blocks, cancellationToken);
        return blocks;
    }

    /// <summary>True for the elements that hold blocks of their own (paragraphs, lists, sections...), as opposed to inline ones.</summary>
    public static bool IsBlock(IElement element) => BlockTags.Contains(element.LocalName);

    /// <summary>Groups blocks into sections, each major heading starting one titled by it and making an outline entry.</summary>
    public static ParsedDocument Sections(IReadOnlyList<HtmlBlock> blocks)
    {
        var sections = new List<DocumentSection>();
        var outline = new List<OutlineEntry>();
        string? title = null;
        var level = 0;
        var current = new List<TextBlock>();
        foreach (var block in blocks)
        {
            if (block.HeadingLevel is > 0 and <= SectionHeadingLevel)
            {
                Add();
                title = block.Block.Text;
                level = block.HeadingLevel;
            }

            current.Add(block.Block);
        }

        Add();
        return new ParsedDocument(sections, outline);

        void Add()
        {
            var section = new DocumentSection(title, current);
            if (section.HasText)
            {
                if (level > 0)
                {
                    outline.Add(new OutlineEntry(level, title!, sections.Count));
                }

                sections.Add(section);
            }

            current = [];
            level = 0;
        }
    }

    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    private static void Walk(IElement container, List<HtmlBlock> blocks, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var inline = new List<INode>();
        foreach (var child in container.ChildNodes)
        {
            if (child is IElement element && BlockTags.Contains(element.LocalName))
            {
                AddInline(inline, blocks);
                AddBlock(element, blocks, cancellationToken);
            }
            else
            {
                inline.Add(child);
            }
        }

        AddInline(inline, blocks);
    }

    private static void AddBlock(IElement element, List<HtmlBlock> blocks, CancellationToken cancellationToken)
    {
        var name = element.LocalName;
        if (name is "table")
        {
            AddTable(element, blocks);
        }
        else if (name.Length == 2 && name[0] == 'h' && char.IsAsciiDigit(name[1]))
        {
            var text = Normalize(element.TextContent);
            if (text.Length > 0)
            {
                blocks.Add(new HtmlBlock(name[1] - '0', new TextBlock(text, $"<{name}>{element.InnerHtml}</{name}>")));
            }
        }
        else if (name is "pre" || !element.Descendants<IElement>().Any(e => BlockTags.Contains(e.LocalName)))
        {
            var text = Normalize(element.TextContent);
            if (text.Length > 0)
            {
                var html = name switch
                {
                    "li" => $"<ul><li>{element.InnerHtml}</li></ul>",
                    "p" or "pre" or "blockquote" => element.OuterHtml,
                    _ => $"<p>{element.InnerHtml}</p>",
                };
                blocks.Add(new HtmlBlock(0, new TextBlock(text, html)));
            }
        }
        else
        {
            Walk(element, blocks, cancellationToken);
        }
    }

    private static void AddTable(IElement table, List<HtmlBlock> blocks)
    {
        var rows = table.QuerySelectorAll("tr")
            .Select(row => (IReadOnlyList<string>)[.. row.Children.Where(c => c.LocalName is "td" or "th").Select(c => Normalize(c.TextContent)).Where(t => t.Length > 0)])
            .Where(cells => cells.Count > 0)
            .ToList();
        if (rows.Count > 0)
        {
            blocks.Add(new HtmlBlock(0, TextBlock.Table(rows, table.OuterHtml)));
        }
    }

    private static void AddInline(List<INode> nodes, List<HtmlBlock> blocks)
    {
        var text = Normalize(string.Concat(nodes.Select(n => n.TextContent)));
        if (text.Length > 0)
        {
            var html = new StringBuilder("<p>");
            foreach (var node in nodes)
            {
                html.Append(node is IElement element ? element.OuterHtml : System.Net.WebUtility.HtmlEncode(node.TextContent));
            }

            blocks.Add(new HtmlBlock(0, new TextBlock(text, html.Append("</p>").ToString())));
        }

        nodes.Clear();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
