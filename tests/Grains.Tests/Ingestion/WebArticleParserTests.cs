using System.Text;
using Lector.Abstractions;
using Lector.Grains.Ingestion;

namespace Lector.Grains.Tests.Ingestion;

public sealed class WebArticleParserTests
{
    private static readonly IngestionLimits Limits = new();

    [Fact]
    public void A_cluttered_page_gives_its_article_in_order_with_title_and_byline_and_nothing_else()
    {
        var article = Parse(ArticlePages.ClutteredHtml);
        var texts = Texts(article);

        Assert.Equal(ArticlePages.Title, article.Title);
        Assert.Equal("en", article.Language);
        Assert.Equal([ArticlePages.Title, $"By {ArticlePages.Author}, Transport Correspondent", .. ArticlePages.ArticleText], texts);
        Assert.Equal([ArticlePages.Title, "A timetable drawn for sleepers", "What it costs"], article.Outline.Select(o => o.Title));
        var html = string.Concat(article.Sections.SelectMany(s => s.Blocks).Select(b => b.Html));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_page_that_is_all_article_keeps_all_its_text()
    {
        var page = Corpus.Read("gpl3.html");
        string Words(ParsedDocument document) => string.Join(' ', document.Sections.SelectMany(s => s.Blocks).Select(b => b.Text));

        var whole = Words(new HtmlParser().Parse(new UploadContent(page), Limits, CancellationToken.None));
        var article = Words(new WebArticleParser().Parse(new UploadContent(page), Limits, CancellationToken.None));

        Assert.True(Corpus.InOrderShare(Corpus.Words(whole), Corpus.Words(article)) > 0.99);
    }

    [Fact]
    public void Without_telling_names_the_article_is_found_by_its_prose_and_links_stay_out()
    {
        var html = $"""
            <html><head><title>Notes from the shed</title></head><body>
            <div><div><a href="/">Start</a> <a href="/posts">All posts</a> <a href="/about">About the author of these notes</a></div></div>
            <div>
              <div>
                <h1>Notes from the shed</h1>
                <p>{Prose(1)}</p>
                <h2>The second winter</h2>
                <p>{Prose(2)}</p>
                <ul><li><a href="/1">An older post about seedlings, tomatoes and patience</a></li><li><a href="/2">Another older post about the greenhouse roof</a></li></ul>
                <p>{Prose(3)}</p>
              </div>
              <div><p>Elsewhere on the web:</p><ul><li><a href="https://a.example/">A friend's blog about beekeeping in the city</a></li><li><a href="https://b.example/">A forum for allotment holders, gardeners and growers</a></li></ul></div>
            </div>
            </body></html>
            """;

        var texts = Texts(Parse(html));

        Assert.Equal(["Notes from the shed", Prose(1), "The second winter", Prose(2), Prose(3)], texts);
    }

    [Fact]
    public void A_wrapper_named_like_clutter_does_not_hide_the_article_inside_it()
    {
        var html = $"""
            <html><head><title>Tide tables</title></head><body>
            <div class="layout has-sidebar"><div><p>{Prose(1)}</p><p>{Prose(2)}</p></div></div>
            </body></html>
            """;

        Assert.Equal(["Tide tables", Prose(1), Prose(2)], Texts(Parse(html)));
    }

    [Theory]
    [InlineData("<title>Sleeper trains are back – The Daily Meridian</title>", "", "Sleeper trains are back")]
    [InlineData("<title>The Daily Meridian | Sleeper trains are back</title>", "", "Sleeper trains are back")]
    [InlineData("<title>The Daily Meridian: Sleeper trains are back</title>", "<h1>Sleeper trains are back</h1>", "Sleeper trains are back")]
    [InlineData("<title>Sleeper trains</title><meta name=\"twitter:title\" content=\"Sleeper trains are back\">", "", "Sleeper trains are back")]
    [InlineData("", "<h1>Sleeper trains are back</h1>", "Sleeper trains are back")]
    public void The_title_is_the_page_s_own_without_the_site_s_name(string head, string heading, string title)
    {
        var article = Parse($"<html><head>{head}</head><body>{heading}<p>{Prose(1)}</p><p>{Prose(2)}</p></body></html>");

        Assert.Equal(title, article.Title);
        Assert.Equal(title, Texts(article)[0]);
    }

    [Fact]
    public void An_author_named_only_in_the_metadata_opens_the_text_after_the_title()
    {
        var article = Parse($"<html><head><title>Tide tables</title><meta name=\"author\" content=\"Iris Vale\"></head><body><p>{Prose(1)}</p><p>{Prose(2)}</p></body></html>");

        Assert.Equal(["Tide tables", "Iris Vale", Prose(1), Prose(2)], Texts(article));
    }

    [Fact]
    public void A_page_of_links_and_chrome_has_no_text_to_read()
    {
        var html = """
            <html><head><title>Index</title></head><body>
            <nav><a href="/a">First section of the site</a></nav>
            <ul><li><a href="/1">A list of links to other pages of the site, long enough to look like prose</a></li></ul>
            <div class="cookie-banner"><p>We use cookies, as every site does, to measure, to personalise and to advertise.</p></div>
            </body></html>
            """;

        var refusal = Assert.Throws<LectorException>(() => new WebArticleParser().Inspect(Content(html), Limits, CancellationToken.None));

        Assert.Equal(UploadErrors.NoText, refusal.Code);
    }

    [Fact]
    public void Uploaded_html_is_never_read_as_a_fetched_article()
    {
        Assert.False(new WebArticleParser().Recognizes(Content(ArticlePages.ClutteredHtml)));
        Assert.Equal("html", DocumentIngestion.Detect(Content(ArticlePages.ClutteredHtml)).SourceType);
        Assert.Equal("url", DocumentIngestion.ForSourceType("url").SourceType);
    }

    private static string Prose(int n) =>
        $"Paragraph {n} goes on for a while, as paragraphs do, with clauses, commas and a point to make, before it comes, at last, to its end.";

    private static ParsedDocument Parse(string html) => new WebArticleParser().Parse(Content(html), Limits, CancellationToken.None);

    private static UploadContent Content(string html) => new(Encoding.UTF8.GetBytes(html));

    private static List<string> Texts(ParsedDocument document) => [.. document.Sections.SelectMany(s => s.Blocks).Select(b => b.Text)];
}
