using System.Diagnostics;
using System.Net;
using System.Text;
using Lector.Abstractions;
using Lector.Grains.Import;
using Lector.Grains.Outbound;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Import;

/// <summary>
/// The fetcher against a real web server on loopback. With <c>AllowPrivateTargets</c> it reaches the server; with the
/// default setting the server is refused like any loopback address, except where a test makes its one endpoint exempt
/// (standing in for a public site) to show that every redirect onwards is still judged on its own.
/// </summary>
public sealed class HttpArticleFetcherTests : IAsyncLifetime
{
    private ArticleSite _site = null!;

    /// <summary>Up and answering, on another loopback port: only a refused redirect could lead a fetch here.</summary>
    private ArticleSite _forbidden = null!;

    public async Task InitializeAsync()
    {
        _site = await ArticleSite.StartAsync();
        _forbidden = await ArticleSite.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _forbidden.DisposeAsync();
    }

    [Fact]
    public async Task A_page_is_fetched_with_its_type_and_where_it_was_found()
    {
        using var fetcher = Fetcher(new ImportOptions { AllowPrivateTargets = true });

        var page = await fetcher.FetchAsync(_site.Url("/article").AbsoluteUri, CancellationToken.None);
        var text = await fetcher.FetchAsync(_site.Url("/plain").AbsoluteUri, CancellationToken.None);

        Assert.Equal(_site.Url("/article"), page.Url);
        Assert.Equal("text/html", page.MediaType);
        Assert.Equal(ArticlePages.ClutteredHtml, Encoding.UTF8.GetString(page.Content));
        Assert.True(text.IsPlainText);
        Assert.Equal(ArticleSite.PlainText, Encoding.UTF8.GetString(text.Content));
    }

    [Fact]
    public async Task A_page_in_a_legacy_charset_is_kept_as_utf8()
    {
        using var fetcher = Fetcher(new ImportOptions { AllowPrivateTargets = true });

        var page = await fetcher.FetchAsync(_site.Url("/legacy").AbsoluteUri, CancellationToken.None);

        Assert.Contains(ArticleSite.LegacyCharsetParagraph, Encoding.UTF8.GetString(page.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_redirects_are_followed_and_a_sixth_is_refused_before_it_is_asked()
    {
        using var fetcher = Fetcher(new ImportOptions { AllowPrivateTargets = true });

        var page = await fetcher.FetchAsync(_site.Url("/redirect/5").AbsoluteUri, CancellationToken.None);
        Assert.Equal(_site.Url("/article"), page.Url);
        _site.Requests.Clear();

        await Refused(ImportErrors.TooManyRedirects, ErrorKind.Unprocessable, fetcher, _site.Url("/redirect/6"));
        Assert.Equal(["/redirect/6", "/redirect/5", "/redirect/4", "/redirect/3", "/redirect/2", "/redirect/1"], _site.Requests);
    }

    [Fact]
    public async Task A_page_over_the_size_cap_is_refused()
    {
        using var fetcher = Fetcher(new ImportOptions { AllowPrivateTargets = true, MaxBytes = 4096 });

        await fetcher.FetchAsync(_site.Url("/large?bytes=3000").AbsoluteUri, CancellationToken.None);
        await Refused(ImportErrors.TooLarge, ErrorKind.PayloadTooLarge, fetcher, _site.Url("/large?bytes=5000"));
    }

    [Fact]
    public async Task A_page_that_does_not_finish_in_time_is_refused_when_the_time_is_up()
    {
        using var fetcher = Fetcher(new ImportOptions { AllowPrivateTargets = true, Timeout = TimeSpan.FromSeconds(1) });
        var started = Stopwatch.StartNew();

        await Refused(ImportErrors.Timeout, ErrorKind.Unprocessable, fetcher, _site.Url("/endless"));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task Answers_that_are_no_page_are_refused_by_what_they_are()
    {
        using var fetcher = Fetcher(new ImportOptions { AllowPrivateTargets = true });

        await Refused(ImportErrors.UnsupportedType, ErrorKind.UnsupportedMediaType, fetcher, _site.Url("/pdf"));
        await Refused(ImportErrors.UnsupportedType, ErrorKind.UnsupportedMediaType, fetcher, _site.Url("/untyped"));
        await Refused(ImportErrors.Unreachable, ErrorKind.Unprocessable, fetcher, _site.Url("/gone"));
        await Refused(ImportErrors.Unreachable, ErrorKind.Unprocessable, fetcher, new Uri($"http://127.0.0.1:{FreePort.Next()}/"));
    }

    [Theory]
    [InlineData("ftp://example.org/article.txt")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:password@example.org/")]
    [InlineData("not a url")]
    public async Task Urls_other_than_http_and_https_are_refused_as_bad(string url)
    {
        using var fetcher = Fetcher(new ImportOptions { AllowPrivateTargets = true });

        var refusal = await Assert.ThrowsAsync<LectorException>(() => fetcher.FetchAsync(url, CancellationToken.None));

        Assert.Equal((ErrorKind.Validation, ImportErrors.BadUrl, "url"), (refusal.Kind, refusal.Code, refusal.Field));
    }

    [Fact]
    public async Task By_default_a_loopback_site_is_refused_without_being_asked()
    {
        using var fetcher = Fetcher(new ImportOptions());

        await Refused(ImportErrors.AddressRefused, ErrorKind.Unprocessable, fetcher, _site.Url("/article"));
        await Refused(ImportErrors.AddressRefused, ErrorKind.Unprocessable, fetcher, new Uri($"http://localhost:{_site.BaseAddress.Port}/article"));

        Assert.Empty(_site.Requests);
    }

    public static TheoryData<string> RefusedTargets => new()
    {
        "http://127.0.0.1:{port}/article",
        "http://localhost:{port}/article",
        "http://[::1]:{port}/article",
        "http://[::ffff:127.0.0.1]:{port}/article",
        "http://2130706433:{port}/article",
        "http://0x7f.1:{port}/article",
        "http://017700000001:{port}/article",
        "http://0.0.0.0:{port}/article",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://[fd00::1]/",
        "file:///etc/passwd",
        "ftp://127.0.0.1:{port}/",
    };

    [Theory]
    [MemberData(nameof(RefusedTargets))]
    public async Task A_redirect_from_an_allowed_site_to_a_refused_address_is_refused_and_never_followed(string target)
    {
        using var fetcher = Fetcher(new ImportOptions(), exempt: _site.EndPoint);
        Assert.Equal("text/html", (await fetcher.FetchAsync(_site.Url("/article").AbsoluteUri, CancellationToken.None)).MediaType);

        var url = target.Replace("{port}", _forbidden.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await Refused(ImportErrors.AddressRefused, ErrorKind.Unprocessable, fetcher, _site.RedirectTo(url));
        await Refused(ImportErrors.AddressRefused, ErrorKind.Unprocessable, fetcher, _site.Url("/to?target=" + Uri.EscapeDataString(_site.RedirectTo(url).AbsoluteUri)));

        Assert.Empty(_forbidden.Requests);
        using var open = Fetcher(new ImportOptions { AllowPrivateTargets = true });
        Assert.Equal("text/html", (await open.FetchAsync(_forbidden.Url("/article").AbsoluteUri, CancellationToken.None)).MediaType);
    }

    private static HttpArticleFetcher Fetcher(ImportOptions options, IPEndPoint? exempt = null) =>
        new(new FixedOptions<ImportOptions>(options), new OutboundAddressPolicy(new HostAddresses(TimeProvider.System), exempt is null ? null : new HashSet<IPEndPoint> { exempt }));

    private static async Task Refused(string code, ErrorKind kind, HttpArticleFetcher fetcher, Uri url)
    {
        var refusal = await Assert.ThrowsAsync<LectorException>(() => fetcher.FetchAsync(url.AbsoluteUri, CancellationToken.None));
        Assert.Equal((kind, code), (refusal.Kind, refusal.Code));
    }

    private sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
