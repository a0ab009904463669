using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Lector.EndToEnd;

/// <summary>
/// One browser context and page against the app, recording what must never happen: Content-Security-Policy
/// violations (reported by the page itself and on the console) and uncaught script errors.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Playwright's init scripts are not subject to the page's CSP, so this listener sees every violation.
    private const string RecordCspViolations =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => " +
        "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _problems.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => _problems.Add("page error: " + error);
    }

    public IPage Page { get; }

    public static async Task<BrowserSession> OpenAsync(LectorAppFixture app, ViewportSize? viewport = null)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
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

    /// <summary>Waits until the audio element is really playing: its clock has moved past zero.</summary>
    public Task WaitForPlaybackAsync() =>
        Page.WaitForFunctionAsync("() => { const a = document.getElementById('player'); return a && !a.paused && a.currentTime > 0; }");

    public async Task ScreenshotAsync(LectorAppFixture app, string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(app.ArtifactsDirectory, name + ".png"), FullPage = true });

    /// <summary>Fails with every axe-core finding on the page as it stands (rule, impact and the elements it names).</summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe();
        var findings = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    /// <summary>Fails with every CSP violation and script error seen so far.</summary>
    public async Task AssertNoViolationsAsync()
    {
        var reported = await Page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
        var all = _problems.Concat(reported.Select(v => "securitypolicyviolation: " + v)).ToList();
        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
