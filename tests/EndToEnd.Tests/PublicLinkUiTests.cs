using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

/// <summary>
/// A public read-along link: made in the share dialog, opened in a browser context that has never signed in, played
/// with the spoken word highlighted, and leading nowhere else; revoked or expired, it answers 404.
/// </summary>
[Collection(LectorAppCollection.Name)]
public sealed class PublicLinkUiTests(LectorAppFixture app)
{
    /// <summary>The Polly fake gives a word mark every 250 ms of its audio.</summary>
    private const string PollyVoice = "polly:Joanna:neural";

    private const string Spoken = "Marks follow the voice. Every word lights up when it is spoken.";

    /// <summary>The marked sentence, then enough text for a second page.</summary>
    private static readonly string TwoPages = Spoken + "\n\n" + string.Join("\n\n", Enumerable.Range(1, 6).Select(p =>
        string.Join(' ', Enumerable.Range(1, 10).Select(s => $"Sentence {s} of paragraph {p} fills the document past its first page."))));

    [Fact]
    public async Task Anyone_with_the_link_listens_with_the_highlight_and_reaches_nothing_else_until_it_is_revoked()
    {
        await using var owner = await BrowserSession.OpenAsync(app);
        await owner.SignUpAsync();
        await owner.AddTextAndOpenAsync("Read along", TwoPages);
        var documentId = owner.Page.Url.Split("#/documents/")[1].Split('/')[0];
        var dialog = await OpenShareDialogAsync(owner);
        await Expect(dialog.Locator("#public-link-list")).ToContainTextAsync("No public links.");
        await dialog.GetByLabel("Read by").SelectOptionAsync(PollyVoice);
        await dialog.GetByLabel("Works for").SelectOptionAsync("30");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await Expect(dialog.Locator("#public-link-url")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/listen/lnk_"));
        var url = await dialog.Locator("#public-link-url").InputValueAsync();
        await Expect(dialog.Locator("#public-link-list li")).ToHaveCountAsync(1);
        await owner.ScreenshotAsync(app, "public-link-dialog");

        // A visitor who has never signed in.
        await using var visitor = await BrowserSession.OpenAsync(app);
        await Axe.InstallAsync(visitor);
        var page = visitor.Page;
        var opened = await page.GotoAsync(url);
        Assert.Equal(200, opened!.Status);
        Assert.Contains("default-src 'self'", (await opened.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Read along", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#page-text")).ToContainTextAsync("Marks follow the voice.");

        // Nothing leads anywhere but within the page, and the link's context opens no other API.
        var hrefs = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href], [action]')].map(a => a.getAttribute('href') ?? a.getAttribute('action'))");
        Assert.All(hrefs, href => Assert.StartsWith("#", href, StringComparison.Ordinal));
        await Expect(page.Locator("#nav, #account, #share, #edit-page")).ToHaveCountAsync(0);
        foreach (var path in new[] { $"/api/documents/{documentId}", $"/api/documents/{documentId}/pages/1", "/api/documents", "/api/shared-with-me", "/api/auth/me" })
        {
            Assert.Equal(401, await page.EvaluateAsync<int>("path => fetch(path).then(r => r.status)", path));
        }

        await Axe.AssertNoneAsync(page);

        // Plays in the link's voice, and the highlight follows the words (at half speed, each outlasts a time update).
        await page.EvaluateAsync(ReaderAudioUiTests.RecordHighlights);
        await page.EvaluateAsync("() => { document.getElementById('player').defaultPlaybackRate = 0.5; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Play page" }).ClickAsync();
        await visitor.WaitForPlaybackAsync();
        await page.WaitForFunctionAsync("() => window.__highlights.length >= 3", null, new() { Timeout = 60_000 });
        var words = Spoken.Split(' ').Select(w => w.TrimEnd('.')).ToList();
        var highlights = (await page.EvaluateAsync<string[]>("() => window.__highlights")).Select(h => h.TrimEnd('.')).ToList();
        var order = highlights.Select(h => words.IndexOf(h)).ToList();
        Assert.True(order.All(i => i >= 0) && order.Zip(order.Skip(1)).All(p => p.First < p.Second), $"The highlight did not follow the text: {string.Join(" | ", highlights)}");
        await visitor.ScreenshotAsync(app, "public-link-playing");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page ›" }).ClickAsync();
        await Expect(page.Locator("#page-heading")).ToHaveTextAsync("Page 2");
        await Expect(page.Locator("#page-picker")).ToHaveValueAsync("2");
        await visitor.AssertNoViolationsAsync();

        // The owner revokes it: the visitor's next visit finds a 404 that says so.
        await dialog.Locator("#public-link-list").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(dialog.Locator(".link-status")).ToHaveTextAsync("Link revoked: it no longer works.");
        var revoked = await page.GotoAsync(url);
        Assert.Equal(404, revoked!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link does not work", Level = 1 })).ToBeVisibleAsync();
        await visitor.AssertNoViolationsAsync();
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_listening_page_is_accessible_and_an_expired_link_answers_404(int width, int height)
    {
        await using var owner = await BrowserSession.OpenAsync(app);
        await owner.SignUpAsync();
        await owner.AddTextAndOpenAsync("Short lived", "A page that is public for a few seconds only.");
        var documentId = owner.Page.Url.Split("#/documents/")[1].Split('/')[0];
        var url = await owner.Page.EvaluateAsync<string>(
            """
            async (id) => {
              const { csrfToken } = await (await fetch('/api/auth/csrf')).json();
              const expiresAt = new Date(Date.now() + 10000).toISOString();
              const response = await fetch(`/api/documents/${id}/links`, {
                method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
                body: JSON.stringify({ voice: 'local:en-us', expiresAt }) });
              return (await response.json()).url;
            }
            """, documentId);

        await using var visitor = await BrowserSession.OpenAsync(app, new ViewportSize { Width = width, Height = height });
        await Axe.InstallAsync(visitor);
        var page = visitor.Page;
        Assert.Equal(200, (await page.GotoAsync(url))!.Status);
        await Expect(page.Locator("#page-text")).ToContainTextAsync("public for a few seconds");
        await Axe.AssertNoneAsync(page);
        await visitor.ScreenshotAsync(app, $"public-link-{width}x{height}");

        var api = new Uri(url).AbsolutePath.Replace("/listen/", "/api/public/", StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await page.APIRequest.GetAsync(api)).Status != 404)
        {
            Assert.True(DateTime.UtcNow < deadline, "The link still worked 30 s after it expired.");
            await Task.Delay(200);
        }

        Assert.Equal(404, (await page.GotoAsync(url))!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link does not work", Level = 1 })).ToBeVisibleAsync();
        await visitor.AssertNoViolationsAsync();
    }

    private static async Task<ILocator> OpenShareDialogAsync(BrowserSession session)
    {
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        var dialog = session.Page.Locator("dialog.share-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        return dialog;
    }
}
