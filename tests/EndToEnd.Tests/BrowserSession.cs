using Microsoft.Playwright;

namespace Lector.EndToEnd;

/// <summary>
/// One browser context and page against the app, recording what must never happen: Content-Security-Policy
/// violations (reported by the page itself and on the console) and uncaught script errors; console errors of any
/// kind are recorded too, for the tests that hold every screen to none.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Playwright's init scripts are not subject to the page's CSP, so this listener sees every violation.
    private const string RecordCspViolations =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => " +
        "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];
    private readonly List<string> _consoleErrors = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type != "error")
            {
                return;
            }

            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _problems.Add("console: " + message.Text);
            }
            else
            {
                _consoleErrors.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _problems.Add("page error: " + error);
    }

    public IPage Page { get; }

    /// <summary>A new browser context; <paramref name="locale"/> sets its languages (<c>navigator.languages</c>).</summary>
    public static async Task<BrowserSession> OpenAsync(LectorAppFixture app, ViewportSize? viewport = null, string? locale = null)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
            Locale = locale,
        });
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync(RecordCspViolations);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    /// <summary>Creates an account (a fresh e-mail unless one is given) through the sign-up form and lands in the library.</summary>
    public async Task<string> SignUpAsync(string? email = null)
    {
        email ??= $"reader-{Guid.NewGuid():N}@example.com";
        await Page.GotoAsync("/#/sign-up");
        await Page.GetByLabel("Name").FillAsync("Test Reader");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password (at least 10 characters)").FillAsync("correct horse battery");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Library", Level = 1 })).ToBeVisibleAsync();
        return email;
    }

    /// <summary>Adds a text through the library's form, waits until it is ready and opens it in the reader.</summary>
    public async Task AddTextAndOpenAsync(string title, string text)
    {
        await Page.GetByLabel("Title").FillAsync(title);
        await Page.GetByLabel("Text").FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
        var document = Page.Locator("li.document", new() { HasTextString = title });
        await Assertions.Expect(document).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        await document.Locator("a.document-title").ClickAsync();
        await Assertions.Expect(Page.Locator("#page-heading")).ToContainTextAsync("Page 1");
    }

    /// <summary>Chooses a voice in the reader's voice picker as a reader would: open it, search for the voice, pick it.</summary>
    public async Task ChooseVoiceAsync(string voiceId)
    {
        await Page.Locator("#voice").ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a voice" });
        await dialog.GetByLabel("Search voices").FillAsync(voiceId);
        await dialog.Locator($"input[name='voice-choice'][value='{voiceId}']").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use this voice" }).ClickAsync();
        await Assertions.Expect(dialog).Not.ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#voice")).ToHaveAttributeAsync("data-voice", voiceId);
    }

    /// <summary>Waits until the audio element is really playing: its clock has moved past zero.</summary>
    public Task WaitForPlaybackAsync() =>
        Page.WaitForFunctionAsync("() => { const a = document.getElementById('player'); return a && !a.paused && a.currentTime > 0; }");

    public async Task ScreenshotAsync(LectorAppFixture app, string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(app.ArtifactsDirectory, name + ".png"), FullPage = true });

    /// <summary>Fails with every CSP violation and script error seen so far.</summary>
    public async Task AssertNoViolationsAsync()
    {
        var reported = await Page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
        var all = _problems.Concat(reported.Select(v => "securitypolicyviolation: " + v)).ToList();
        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }

    /// <summary>Runs a script in every page of this session before the page's own (not subject to its CSP).</summary>
    public Task AddInitScriptAsync(string script) => _context.AddInitScriptAsync(script);

    /// <summary>
    /// Every CSP violation, script error and console error seen since the last call, and forgets them, so that each
    /// can be laid at the door of the screen that caused it.
    /// </summary>
    public async Task<IReadOnlyList<string>> TakeProblemsAsync()
    {
        var reported = await Page.EvaluateAsync<string[]>("() => { const seen = window.__cspViolations ?? []; window.__cspViolations = []; return seen; }");
        var all = _problems.Concat(_consoleErrors).Concat(reported.Select(v => "securitypolicyviolation: " + v)).ToList();
        _problems.Clear();
        _consoleErrors.Clear();
        return all;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
