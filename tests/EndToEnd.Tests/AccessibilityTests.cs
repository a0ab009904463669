using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

/// <summary>
/// Every screen of the app, on a desktop and on a phone: axe-core finds no WCAG 2.1 A or AA violation, and opening it
/// raises no script error, console error or CSP violation. A new screen is one more entry in <see cref="Screens"/>.
/// </summary>
[Collection(LectorAppCollection.Name)]
public sealed class AccessibilityTests(LectorAppFixture app)
{
    public static TheoryData<string> Viewports => [.. ViewportSizes.Keys];

    /// <summary>
    /// Answers the contract gives to say "none" or "no", which Chromium logs as failed loads: not being signed in, no
    /// saved position, an entry a screen submits in order to show its refusal. Any other failed load is a console error.
    /// </summary>
    private static readonly Regex[] ExpectedRefusals =
    [
        new(@"status of 401 .*/api/auth/me:"),
        new(@"status of 404 .*/api/documents/[0-9a-f]{32}/position:"),
        // The pronunciations screen's refused entry: the 400 the screen shows beside the field.
        new(@"status of 400 .*/api/lexicon:"),
    ];

    private static readonly Dictionary<string, ViewportSize> ViewportSizes = new()
    {
        ["desktop"] = new() { Width = 1280, Height = 900 },
        ["phone"] = new() { Width = 390, Height = 844 },
    };

    /// <summary>
    /// The screens, visited in this order by the people of an <see cref="AccessibilityTour"/>. Each gets there the way a
    /// person would and waits until it shows what it is for; a screen may build on the one before it (the document
    /// added in "library with documents" is the one the reader screens open).
    /// </summary>
    private static readonly Screen[] Screens =
    [
        new("sign-in", t => t.Visitor, async t =>
        {
            await t.Visitor.Page.GotoAsync("/#/sign-in");
            await Expect(t.Visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        }),
        new("register", t => t.Visitor, async t =>
        {
            await t.Visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
            await Expect(t.Visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "Create an account", Level = 1 })).ToBeVisibleAsync();
        }),
        new("empty library", t => t.Reader, async t =>
        {
            await t.Reader.Page.GotoAsync("/#/library");
            await Expect(t.Reader.Page.Locator(".documents .empty")).ToBeVisibleAsync();
        }),
        new("library with documents and the add forms open", t => t.Reader, async t =>
        {
            var page = t.Reader.Page;
            await page.GetByLabel("Title").FillAsync("Accessible reading");
            await page.GetByLabel("Text").FillAsync(AccessibilityTour.Text);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
            await Expect(page.Locator("li.document")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
            await page.Locator("details.add").EvaluateAsync("d => { d.open = true; }");
            await Expect(page.GetByLabel("Text")).ToBeVisibleAsync();
        }),
        new("reader", t => t.Reader, async t =>
        {
            var page = t.Reader.Page;
            await page.Locator("li.document a.document-title").ClickAsync();
            await Expect(page.Locator("#page-text")).ToContainTextAsync("Accessibility");
            await Expect(page.Locator("#play")).ToBeEnabledAsync();
        }),
        new("keyboard shortcuts", t => t.Reader, async t =>
        {
            var page = t.Reader.Page;
            await page.GetByRole(AriaRole.Button, new() { Name = "Keyboard shortcuts" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" })).ToBeVisibleAsync();
        }),
        new("page voices list", t => t.Reader, async t =>
        {
            var page = t.Reader.Page;
            await page.Keyboard.PressAsync("Escape");
            await page.GetByText("Voices of this page").ClickAsync();
            await Expect(page.Locator("#page-quota")).ToBeVisibleAsync();
        }),
        new("edit text", t => t.Reader, async t =>
        {
            var page = t.Reader.Page;
            await page.GetByRole(AriaRole.Button, new() { Name = "Edit text" }).ClickAsync();
            await Expect(page.Locator("#page-editor")).ToBeFocusedAsync();
        }),
        new("details dialog", t => t.Reader, async t =>
        {
            var page = t.Reader.Page;
            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Edit details" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Document details" })).ToBeVisibleAsync();
        }),
        new("sharing dialog", t => t.Reader, async t =>
        {
            var page = t.Reader.Page;
            await page.Keyboard.PressAsync("Escape");
            await page.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
            await Expect(page.Locator("dialog.share-dialog")).ToBeVisibleAsync();
        }),
        new("sharing dialog with a new public link", t => t.Reader, async t =>
        {
            var dialog = t.Reader.Page.Locator("dialog.share-dialog");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
            await Expect(dialog.Locator("#public-link-url")).ToHaveValueAsync(new Regex("/listen/lnk_"));
        }),
        new("public listening page", t => t.Visitor, async t =>
        {
            await t.Visitor.Page.GotoAsync(await t.Reader.Page.Locator("#public-link-url").InputValueAsync());
            await Expect(t.Visitor.Page.Locator("#page-text")).ToContainTextAsync("Accessibility");
        }),
        new("voice picker open with a search", t => t.Reader, async t =>
        {
            var page = t.Reader.Page;
            await page.Keyboard.PressAsync("Escape");
            await page.Locator("#voice").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a voice" });
            await dialog.GetByLabel("Search voices").FillAsync("english");
            await Expect(dialog.Locator("#voice-count")).ToContainTextAsync("voices match");
        }),
        new("pronunciations with a refused entry", t => t.Reader, async t =>
        {
            var page = t.Reader.Page;
            await page.GotoAsync("/#/pronunciations");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pronunciations", Level = 1 })).ToBeVisibleAsync();
            await page.GetByLabel("Word as written").FillAsync("pecan");
            await page.GetByLabel("Phonemes (IPA)").CheckAsync();
            await page.GetByLabel("Pronunciation", new() { Exact = true }).FillAsync("p@k'A:n");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
            await Expect(page.Locator("#spoken-error")).Not.ToBeEmptyAsync();
        }),
        new("shared with me", t => t.Reader, async t =>
        {
            await t.Reader.Page.GotoAsync("/#/shared");
            await Expect(t.Reader.Page.GetByText(AccessibilityTour.SharedTitle)).ToBeVisibleAsync();
        }),
        new("notifications", t => t.Reader, async t =>
        {
            await t.Reader.Page.GotoAsync("/#/notifications");
            await Expect(t.Reader.Page.Locator("li.notification").First).ToBeVisibleAsync();
        }),
        .. new[] { "Statistics", "Audit log", "Failures", "Settings" }.Select(section => new Screen($"admin {section}", t => t.Admin, async t =>
        {
            var page = t.Admin.Page;
            await page.GotoAsync("/#/admin/stats");
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin sections" }).GetByRole(AriaRole.Link, new() { Name = section }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Admin · {section}", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("[aria-busy='true']")).ToHaveCountAsync(0);
        })),
    ];

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task Every_screen_passes_axe_and_raises_no_console_error_or_csp_violation(string viewport)
    {
        await using var tour = await AccessibilityTour.StartAsync(app, ViewportSizes[viewport]);
        var failures = new List<string>();
        foreach (var screen in Screens)
        {
            var session = screen.Who(tour);
            try
            {
                await screen.OpenAsync(tour);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
            {
                failures.Add($"{screen.Name}: could not be opened: {e.Message}");
                continue;
            }

            var problems = (await session.TakeProblemsAsync()).Where(p => !ExpectedRefusals.Any(r => r.IsMatch(p)));
            var found = (await Axe.ViolationsAsync(session.Page)).Concat(problems).ToList();
            if (found.Count > 0)
            {
                await session.ScreenshotAsync(app, $"a11y-{viewport}-{screen.Name.Replace(' ', '-')}");
                failures.Add($"{screen.Name}:{string.Concat(found.Select(f => $"{Environment.NewLine}  {f}"))}");
            }
        }

        Assert.True(failures.Count == 0, $"{viewport}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>A screen: its name in failures, whose browser shows it, and how that person gets there.</summary>
    private sealed record Screen(string Name, Func<AccessibilityTour, BrowserSession> Who, Func<AccessibilityTour, Task> OpenAsync);
}

/// <summary>
/// The people who visit the screens, each in a browser of the same size with axe installed: a visitor who is not
/// signed in, a reader with an empty library (who then adds a document) to whom a friend has shared a document, and
/// the admin.
/// </summary>
public sealed class AccessibilityTour : IAsyncDisposable
{
    public const string Text = "Accessibility is for everyone. Every screen is checked on a desktop and on a phone.";
    public const string SharedTitle = "Shared for the tour";

    private AccessibilityTour(BrowserSession visitor, BrowserSession reader, BrowserSession admin)
    {
        Visitor = visitor;
        Reader = reader;
        Admin = admin;
    }

    public BrowserSession Visitor { get; }

    public BrowserSession Reader { get; }

    public BrowserSession Admin { get; }

    public static async Task<AccessibilityTour> StartAsync(LectorAppFixture app, ViewportSize viewport)
    {
        var visitor = await OpenAsync(app, viewport);
        var reader = await OpenAsync(app, viewport);
        var admin = await OpenAsync(app, viewport);
        var readerEmail = await reader.SignUpAsync();
        await admin.SignUpAsync(LectorAppFixture.AdminEmail);

        // A friend shares a document with the reader, which also notifies them.
        await using (var friend = await BrowserSession.OpenAsync(app, viewport))
        {
            var page = friend.Page;
            await friend.SignUpAsync();
            await friend.AddTextAndOpenAsync(SharedTitle, "A friend's document, shared for reading.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
            var dialog = page.Locator("dialog.share-dialog");
            await dialog.GetByLabel("E-mail").FillAsync(readerEmail);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
            await Expect(dialog.Locator(".form-status")).ToHaveTextAsync($"Shared with {readerEmail}.");
        }

        // What setting the tour up caused is not any screen's doing.
        foreach (var session in new[] { visitor, reader, admin })
        {
            await session.TakeProblemsAsync();
        }

        return new AccessibilityTour(visitor, reader, admin);
    }

    public async ValueTask DisposeAsync()
    {
        await Visitor.DisposeAsync();
        await Reader.DisposeAsync();
        await Admin.DisposeAsync();
    }

    private static async Task<BrowserSession> OpenAsync(LectorAppFixture app, ViewportSize viewport)
    {
        var session = await BrowserSession.OpenAsync(app, viewport);
        await Axe.InstallAsync(session);
        return session;
    }
}
