using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Grains.Outbound;
using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.WebFront.Tests.Endpoints;

/// <summary>
/// A web site on loopback and two Lector hosts that import from it: one with <c>Import:AllowPrivateTargets=true</c>
/// (and tight limits), and one with the default setting, where the site's one endpoint is exempt from the address
/// policy so that it stands in for a public site; everything a redirect leads to is judged as usual there. A second
/// site, up and answering, is where refused redirects would have led.
/// </summary>
public sealed class UrlImportFixture : IAsyncLifetime
{
    public ArticleSite Site { get; private set; } = null!;

    public ArticleSite Forbidden { get; private set; } = null!;

    public LectorApp Open { get; private set; } = null!;

    public LectorApp Guarded { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await ArticleSite.StartAsync();
        Forbidden = await ArticleSite.StartAsync();
        var open = LectorApp.StartAsync("--Import:AllowPrivateTargets=true", "--Import:Timeout=00:00:02", "--Import:MaxBytes=65536");
        var guarded = LectorApp.StartAsync(builder => builder.Services.AddSingleton(
            new OutboundAddressPolicy(new HostAddresses(TimeProvider.System), new HashSet<IPEndPoint> { Site.EndPoint })));
        Open = await open;
        Guarded = await guarded;
    }

    public async Task DisposeAsync()
    {
        await Open.DisposeAsync();
        await Guarded.DisposeAsync();
        await Site.DisposeAsync();
        await Forbidden.DisposeAsync();
    }
}

public sealed class UrlImportTests(UrlImportFixture fixture) : IClassFixture<UrlImportFixture>
{
    [Fact]
    public async Task A_cluttered_article_becomes_a_document_of_its_title_byline_headings_and_paragraphs_alone()
    {
        var user = await ApiUser.CreateAsync(fixture.Open);

        var response = await user.Bearer.PostAsJsonAsync("/api/documents", new { url = fixture.Site.Url("/article").AbsoluteUri });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal($"/api/documents/{id}", response.Headers.Location?.OriginalString);
        var document = await user.WaitForDocumentAsync(id);
        Assert.Equal("ready", document.GetProperty("status").GetString());
        Assert.Equal(ArticlePages.Title, document.GetProperty("title").GetString());
        Assert.Equal("url", document.GetProperty("sourceType").GetString());
        Assert.Equal("en", document.GetProperty("language").GetString());
        var text = await DocumentTextAsync(user, id);
        var at = 0;
        foreach (var part in (string[])[ArticlePages.Title, ArticlePages.Author, .. ArticlePages.ArticleText])
        {
            var found = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"\"{part}\" is missing, or out of order, in:\n{text}");
            at = found + part.Length;
        }

        Assert.All(ArticlePages.Clutter, clutter => Assert.DoesNotContain(clutter, text, StringComparison.Ordinal));
        var chapters = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/chapters");
        // The title heads the whole article, so its sections are the chapters.
        Assert.Equal(["A timetable drawn for sleepers", "What it costs"], chapters.EnumerateArray().Select(c => c.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_given_title_names_the_import_and_plain_text_reads_as_a_text_file()
    {
        var user = await ApiUser.CreateAsync(fixture.Open);

        var response = await user.Bearer.PostAsJsonAsync("/api/documents", new { url = fixture.Site.Url("/plain").AbsoluteUri, title = "  My notes " });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var document = await user.WaitForDocumentAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        Assert.Equal("My notes", document.GetProperty("title").GetString());
        Assert.Equal("txt", document.GetProperty("sourceType").GetString());
        Assert.Equal(ArticleSite.PlainText, await DocumentTextAsync(user, document.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Pages_too_large_slow_of_another_type_or_too_far_away_are_refused_with_their_codes_and_nothing_is_stored()
    {
        var user = await ApiUser.CreateAsync(fixture.Open);

        await ProblemAssert.IsProblem(await ImportAsync(user, fixture.Site.Url("/large?bytes=100000")), HttpStatusCode.RequestEntityTooLarge, "import.too_large");
        await ProblemAssert.IsProblem(await ImportAsync(user, fixture.Site.Url("/pdf")), HttpStatusCode.UnsupportedMediaType, "import.unsupported_type");
        await ProblemAssert.IsProblem(await ImportAsync(user, fixture.Site.Url("/redirect/6")), HttpStatusCode.UnprocessableEntity, "import.too_many_redirects");
        await ProblemAssert.IsProblem(await ImportAsync(user, fixture.Site.Url("/endless")), HttpStatusCode.UnprocessableEntity, "import.timeout");
        await ProblemAssert.IsProblem(await ImportAsync(user, fixture.Site.Url("/gone")), HttpStatusCode.UnprocessableEntity, "import.unreachable");

        var library = await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents");
        Assert.Equal(0, library.GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task With_the_default_setting_a_redirect_from_an_allowed_site_to_a_refused_address_is_refused()
    {
        var user = await ApiUser.CreateAsync(fixture.Guarded);
        var port = fixture.Forbidden.BaseAddress.Port;
        Assert.Equal(HttpStatusCode.Accepted, (await ImportAsync(user, fixture.Site.Url("/article"))).StatusCode);

        string[] refused =
        [
            fixture.Forbidden.Url("/article").AbsoluteUri,
            $"http://localhost:{port}/article",
            $"http://[::ffff:127.0.0.1]:{port}/article",
            $"http://0x7f.1:{port}/article",
            "http://169.254.169.254/latest/meta-data/",
            "file:///etc/passwd",
        ];
        foreach (var target in refused)
        {
            await ProblemAssert.IsProblem(await ImportAsync(user, fixture.Site.RedirectTo(target)), HttpStatusCode.UnprocessableEntity, "import.address_refused");
        }

        Assert.Empty(fixture.Forbidden.Requests);
        var library = await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents");
        Assert.Equal(1, library.GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task A_url_comes_alone_and_within_bounds()
    {
        var user = await ApiUser.CreateAsync(fixture.Open);

        var both = await user.Bearer.PostAsJsonAsync("/api/documents", new { url = fixture.Site.Url("/plain").AbsoluteUri, text = "Words." });
        var empty = await user.Bearer.PostAsJsonAsync("/api/documents", new { url = " " });
        var tooLong = await user.Bearer.PostAsJsonAsync("/api/documents", new { url = "https://example.org/" + new string('a', 2000) });

        Assert.True((await ProblemAssert.IsProblem(both, HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("text", out _));
        Assert.True((await ProblemAssert.IsProblem(empty, HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("url", out _));
        Assert.True((await ProblemAssert.IsProblem(tooLong, HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("url", out _));
    }

    private static Task<HttpResponseMessage> ImportAsync(ApiUser user, Uri url) =>
        user.Bearer.PostAsJsonAsync("/api/documents", new { url = url.AbsoluteUri });

    /// <summary>Every page's text, in order, a blank line apart.</summary>
    internal static async Task<string> DocumentTextAsync(ApiUser user, string id)
    {
        var pages = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages?pageSize=100");
        var texts = new List<string>();
        foreach (var page in pages.GetProperty("items").EnumerateArray())
        {
            var content = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/{page.GetProperty("number").GetInt32()}");
            texts.Add(content.GetProperty("text").GetString()!);
        }

        return string.Join("\n\n", texts);
    }
}

/// <summary>With the default setting, every form of a local, private or reserved address is refused at the request, and nothing is stored.</summary>
[Collection(AppCollection.Name)]
public sealed class UrlImportRefusalTests(LectorAppFixture fixture)
{
    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://127.1.2.3:8080/")]
    [InlineData("http://localhost/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://10.20.30.40/")]
    [InlineData("http://172.16.0.1/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[fc00::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://[::ffff:10.0.0.1]/")]
    [InlineData("http://[64:ff9b::7f00:1]/")]
    [InlineData("http://[2002:7f00:1::]/")]
    [InlineData("http://[::127.0.0.1]/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://017700000001/")]
    [InlineData("http://0177.0.0.1/")]
    public async Task Every_form_of_a_refused_address_is_refused(string url)
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var response = await user.Bearer.PostAsJsonAsync("/api/documents", new { url });

        await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, "import.address_refused");
        Assert.Equal(0, (await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents")).GetProperty("totalItems").GetInt32());
    }

    [Theory]
    [InlineData("ftp://example.org/article.txt")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.org/")]
    [InlineData("http://user:secret@example.org/")]
    [InlineData("example.org/article")]
    public async Task Urls_other_than_http_and_https_are_refused(string url)
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var problem = await ProblemAssert.IsProblem(await user.Bearer.PostAsJsonAsync("/api/documents", new { url }), HttpStatusCode.BadRequest, "validation");

        Assert.Equal(["import.bad_url"], problem.GetProperty("errors").GetProperty("url").EnumerateArray().Select(e => e.GetString()));
    }
}
