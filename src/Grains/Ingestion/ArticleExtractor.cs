using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Lector.Grains.Ingestion;

/// <summary>An article as found in a web page: its title (null when the page gives none), its language, and its text's blocks.</summary>
internal sealed record Article(string? Title, string? Language, IReadOnlyList<HtmlBlock> Blocks);

/// <summary>
/// Finds the article in a web page, as reading modes do: the element whose paragraphs carry the most prose (long, with
/// commas, few links), with the siblings that continue it, less what around and inside it is navigation, advertising,
/// comments, sharing, sign-up forms or consent banners, known by structure and by the words sites use for such parts
/// in class names and ids. The article opens with its title and byline, from the page when its text has neither.
/// </summary>
internal static partial class ArticleExtractor
{
    /// <summary>As long as a title the API accepts.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Less prose than this after leaving out parts by their names means the names misled (a wrapper called "has-sidebar", say).</summary>
    private const int MinArticleCharacters = 250;

    /// <summary>Shorter runs of text are captions, labels and buttons, which say nothing about where the prose is.</summary>
    private const int MinParagraphCharacters = 25;

    private const int BylineMaxLength = 100;

    /// <summary>Parts that sit over the page rather than in it.</summary>
    private const string Overlays = "dialog, [role=dialog], [role=alertdialog], [aria-modal=true], [role=banner]";

    /// <summary>Words (or word starts) of class names and ids of what is not the article.</summary>
    private static readonly string[] UnlikelyWords =
    [
        "ad", "ads", "advert", "banner", "breadcrumb", "comment", "consent", "cookie", "disqus", "footer", "gdpr", "login",
        "masthead", "menu", "modal", "nav", "newsletter", "outbrain", "overlay", "pager", "pagination", "popular", "popup",
        "promo", "recommend", "related", "respond", "share", "sharing", "sidebar", "signup", "skip", "social", "sponsor",
        "subscri", "taboola", "toolbar", "trending", "widget",
    ];

    /// <summary>Words that short ones must match whole: "ad" and "nav" begin too many other words.</summary>
    private static readonly HashSet<string> WholeWords = ["ad", "ads", "nav"];

    /// <summary>Words of class names and ids of the article itself.</summary>
    private static readonly string[] LikelyWords = ["article", "blog", "body", "content", "entry", "hentry", "main", "post", "prose", "story", "text"];

    public static Article Extract(string html, CancellationToken cancellationToken)
    {
        var article = Extract(HtmlBlocks.ParseDocument(html), leaveOutUnlikely: true, cancellationToken);
        if (Length(article) >= MinArticleCharacters)
        {
            return article;
        }

        var everything = Extract(HtmlBlocks.ParseDocument(html), leaveOutUnlikely: false, cancellationToken);
        return Length(everything) > Length(article) ? everything : article;
    }

    private static Article Extract(IDocument document, bool leaveOutUnlikely, CancellationToken cancellationToken)
    {
        // Read first: titles sit in the head and bylines often in the page's header, which may go below.
        var title = TitleOf(document);
        var byline = BylineOf(document);
        var language = LanguageTag.Parse(document.DocumentElement?.GetAttribute("lang"));
        HtmlBlocks.RemoveChrome(document);
        foreach (var overlay in document.QuerySelectorAll(Overlays).ToList())
        {
            overlay.Remove();
        }

        if (document.Body is not { } body)
        {
            return new Article(title, language, []);
        }

        if (leaveOutUnlikely)
        {
            LeaveOutUnlikely(body);
        }

        var content = Content(document, body, cancellationToken);
        Clean(content);
        return new Article(title, language, Framed(HtmlBlocks.Blocks(content, cancellationToken), title, byline));
    }

    private static int Length(Article article) => article.Blocks.Sum(b => b.Block.Text.Length);

    /// <summary>Removes parts named as not the article, unless also named as the article or holding it.</summary>
    private static void LeaveOutUnlikely(IElement body)
    {
        foreach (var element in body.Descendants<IElement>().ToList())
        {
            if (element.LocalName is not ("article" or "main" or "a") && ClassWeight(element) < 0 && element.QuerySelector("article, main, [role=main]") is null)
            {
                element.Remove();
            }
        }
    }

    /// <summary>
    /// The best-scored element with the siblings that continue it. Each paragraph of prose scores for its parent, and
    /// less for the two elements above; an element's score then shrinks with the share of its text that is links.
    /// </summary>
    private static IElement Content(IDocument document, IElement body, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<IElement, double>();
        var paragraphs = body.QuerySelectorAll("p, pre, td, blockquote")
            .Concat(body.QuerySelectorAll("div").Where(d => !d.Children.Any(HtmlBlocks.IsBlock)));
        foreach (var paragraph in paragraphs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = HtmlBlocks.Normalize(paragraph.TextContent);
            if (text.Length < MinParagraphCharacters)
            {
                continue;
            }

            var score = 1.0 + Commas(text) + Math.Min(text.Length / 100, 3);
            var ancestor = paragraph.ParentElement;
            for (var level = 1; level <= 3 && ancestor is not null && ancestor != document.DocumentElement; level++, ancestor = ancestor.ParentElement)
            {
                scores[ancestor] = scores.GetValueOrDefault(ancestor, InitialScore(ancestor)) + score / level;
            }
        }

        var final = scores.ToDictionary(s => s.Key, s => s.Value * (1 - LinkDensity(s.Key)));
        if (final.Count == 0)
        {
            return body;
        }

        var (top, topScore) = final.MaxBy(s => s.Value);
        if (top == body || top.ParentElement is not { } parent)
        {
            return top;
        }

        var threshold = Math.Max(10, topScore * 0.2);
        var siblings = parent.Children.ToList();
        var kept = siblings.Select(s => s == top || final.GetValueOrDefault(s) >= threshold || (s.LocalName == "p" && IsProse(s))).ToList();
        var container = document.CreateElement("div");
        for (var i = 0; i < siblings.Count; i++)
        {
            // A heading goes with what it heads.
            if (kept[i] || (IsHeading(siblings[i]) && i + 1 < siblings.Count && kept[i + 1]))
            {
                container.AppendChild(siblings[i]);
            }
        }

        return container;
    }

    /// <summary>Where a paragraph's tag says prose may be, and its names say what it is.</summary>
    private static double InitialScore(IElement element) => ClassWeight(element) + element.LocalName switch
    {
        "article" => 10,
        "div" or "section" or "main" => 5,
        "pre" or "td" or "blockquote" => 3,
        "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
        _ => 0,
    };

    /// <summary>A sibling paragraph that reads as prose: long with few links, or a whole sentence with none.</summary>
    private static bool IsProse(IElement paragraph)
    {
        var text = HtmlBlocks.Normalize(paragraph.TextContent);
        var links = LinkDensity(paragraph);
        return (text.Length >= 80 && links < 0.25) || (text.Length > 0 && links == 0 && SentenceEnd().IsMatch(text));
    }

    /// <summary>Removes, inside the article, what is named as not the article or is mostly links (lists of related pages, tags, sharing).</summary>
    private static void Clean(IElement content)
    {
        foreach (var element in content.QuerySelectorAll("div, section, ul, ol, table, figure, header, p").Reverse().ToList())
        {
            if (ClassWeight(element) < 0 || (HtmlBlocks.Normalize(element.TextContent).Length > 0 && LinkDensity(element) > 0.5))
            {
                element.Remove();
            }
        }
    }

    /// <summary>The blocks, opened with the title and the byline where the text does not start with them, and without headings that head nothing.</summary>
    private static List<HtmlBlock> Framed(List<HtmlBlock> blocks, string? title, string? byline)
    {
        while (blocks.Count > 0 && blocks[^1].HeadingLevel > 0)
        {
            blocks.RemoveAt(blocks.Count - 1);
        }

        if (blocks.Count == 0)
        {
            return blocks;
        }

        // Where a page shows its title and byline, they head its text.
        const int Opening = 4;
        var titleAt = title is null ? -1 : blocks.Take(Opening).ToList().FindIndex(b => b.HeadingLevel > 0 && string.Equals(b.Block.Text, title, StringComparison.OrdinalIgnoreCase));
        if (title is not null && titleAt < 0)
        {
            blocks.Insert(titleAt = 0, new HtmlBlock(1, new TextBlock(title, $"<h1>{WebUtility.HtmlEncode(title)}</h1>")));
        }

        if (byline is not null && !blocks.Take(Opening + 1).Any(b => b.Block.Text.Contains(byline, StringComparison.OrdinalIgnoreCase)))
        {
            blocks.Insert(titleAt + 1, new HtmlBlock(0, TextBlock.Paragraph(byline)));
        }

        return blocks;
    }

    /// <summary>The page's own title: its Open Graph or Twitter title, else its title without the site's name, else its first h1.</summary>
    private static string? TitleOf(IDocument document)
    {
        var heading = document.QuerySelector("h1") is { } h1 ? HtmlBlocks.Normalize(h1.TextContent) : "";
        var title = Meta(document, "og:title", "twitter:title") ?? WithoutSiteName(HtmlBlocks.Normalize(document.Title ?? ""), heading);
        title = title.Length > 0 ? title : heading;
        return title.Length == 0 ? null : title.Length <= MaxTitleLength ? title : title[..MaxTitleLength].TrimEnd();
    }

    /// <summary>"Title | Site" or "Site - Title": the first heading when the title holds it, else the part with the most words.</summary>
    private static string WithoutSiteName(string title, string heading)
    {
        if (heading.Length > 0 && title.Contains(heading, StringComparison.OrdinalIgnoreCase))
        {
            return heading;
        }

        var parts = TitleSeparator().Split(title);
        return parts.Length == 1 ? title : parts.MaxBy(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length)!.Trim();
    }

    /// <summary>A byline shown on the page (outside comments), else the author its metadata names.</summary>
    private static string? BylineOf(IDocument document)
    {
        foreach (var element in document.Body?.Descendants<IElement>() ?? [])
        {
            if (IsByline(element) && !element.Ancestors<IElement>().Prepend(element).Any(e => ClassWeight(e) < 0))
            {
                var text = HtmlBlocks.Normalize(element.TextContent);
                if (text.Length is > 0 and <= BylineMaxLength)
                {
                    return text;
                }
            }
        }

        var author = Meta(document, "author", "article:author");
        return author is null || author.Length > BylineMaxLength || author.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? null : author;
    }

    private static bool IsByline(IElement element) =>
        Words(element.GetAttribute("rel")).Contains("author")
        || Words(element.GetAttribute("itemprop")).Contains("author")
        || Words(element.ClassName).Concat(Words(element.Id)).Any(w => w.StartsWith("byline", StringComparison.Ordinal) || w == "author");

    /// <summary>The content of the first <c>meta</c> named (or with the property) one of <paramref name="names"/>, in that order of preference.</summary>
    private static string? Meta(IDocument document, params string[] names)
    {
        var metas = document.QuerySelectorAll("meta[content]").ToList();
        foreach (var name in names)
        {
            var meta = metas.FirstOrDefault(m => string.Equals(m.GetAttribute("property") ?? m.GetAttribute("name"), name, StringComparison.OrdinalIgnoreCase));
            if (meta is not null && HtmlBlocks.Normalize(meta.GetAttribute("content")!) is { Length: > 0 } content)
            {
                return content;
            }
        }

        return null;
    }

    /// <summary>-25 for a name of what is not the article, +25 for one of the article (both for class and id).</summary>
    private static int ClassWeight(IElement element) => Weight(element.ClassName) + Weight(element.Id);

    private static int Weight(string? names)
    {
        var words = Words(names).ToList();
        var unlikely = words.Any(w => UnlikelyWords.Any(u => WholeWords.Contains(u) ? w == u : w.StartsWith(u, StringComparison.Ordinal)));
        var likely = words.Any(w => LikelyWords.Contains(w));
        return (likely ? 25 : 0) - (unlikely ? 25 : 0);
    }

    private static IEnumerable<string> Words(string? names) =>
        string.IsNullOrEmpty(names) ? [] : NameSeparator().Split(names.ToLowerInvariant()).Where(w => w.Length > 0);

    /// <summary>How much of the element's text is the text of links, from 0 to 1.</summary>
    private static double LinkDensity(IElement element)
    {
        var length = HtmlBlocks.Normalize(element.TextContent).Length;
        return length == 0 ? 0 : (double)element.QuerySelectorAll("a").Sum(a => HtmlBlocks.Normalize(a.TextContent).Length) / length;
    }

    private static bool IsHeading(IElement element) => element.LocalName is ['h', >= '1' and <= '6'];

    private static int Commas(string text) => text.Count(c => c is ',' or '،' or '、' or '，');

    [GeneratedRegex(@"[.!?…。](\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+[|\-–—·»]\s+")]
    private static partial Regex TitleSeparator();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NameSeparator();
}
