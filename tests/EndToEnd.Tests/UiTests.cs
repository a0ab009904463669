using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

[Collection(LectorAppCollection.Name)]
public sealed partial class UiTests(LectorAppFixture app)
{
    // The GPL as a Word document, made by a real tool (tests/Corpus).
    private static readonly string CorpusDocx = Path.Combine(AppContext.BaseDirectory, "Corpus", "gpl3.docx");

    [Fact]
    public async Task A_new_user_uploads_a_document_reads_page_one_and_hears_it()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await session.SignUpAsync();

        var uploadDirectory = Directory.CreateTempSubdirectory("lector-e2e-upload-");
        try
        {
            var upload = Path.Combine(uploadDirectory.FullName, "gpl3.docx");
            File.Copy(CorpusDocx, upload);
            await page.Locator("#upload-file").SetInputFilesAsync(upload);
            await Expect(page.Locator("#upload-status")).ToContainTextAsync("Uploaded gpl3.docx");
            await Expect(page.Locator("#upload-progress")).ToHaveAttributeAsync("value", "100");
        }
        finally
        {
            uploadDirectory.Delete(recursive: true);
        }

        var row = page.Locator("li.document");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Ready");
        await Expect(row.GetByRole(AriaRole.Link)).ToHaveTextAsync("gpl3");
        await session.ScreenshotAsync(app, "library");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page 1" })).ToBeVisibleAsync();
        await Expect(page.Locator("#page-text")).ToContainTextAsync(GplTitle());

        await session.ChooseVoiceAsync("local:en-us");
        await page.GetByLabel("Speed").SelectOptionAsync("1.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await Expect(page.Locator("#audio-state")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });
        await session.WaitForPlaybackAsync();
        Assert.Equal(1.5, await page.EvaluateAsync<double>("() => document.getElementById('player').playbackRate"));
        await Expect(page.Locator("#download-audio")).ToBeVisibleAsync();
        await Expect(page.Locator("#retry-audio")).ToBeHiddenAsync();
        await Expect(page.Locator("#download-audio")).ToHaveAttributeAsync("href", AudioContentPath());
        await session.ScreenshotAsync(app, "reader");

        // Playing goes through the document: when page 1 ends, page 2 is opened and played without a click.
        await Expect(page.Locator("#player-status")).ToHaveTextAsync(new Regex("^Playing page 1 of \\d+$"));
        await page.EvaluateAsync("() => { const a = document.getElementById('player'); a.currentTime = a.duration - 0.3; }");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page 2" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/pages/2$"));
        await Expect(page.Locator("#page-text")).ToContainTextAsync("The GNU General Public License is a free, copyleft license");
        await session.WaitForPlaybackAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/#/library");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Signing_up_with_a_taken_email_ends_on_the_form_with_advice_and_the_holder_is_notified()
    {
        await using var holder = await BrowserSession.OpenAsync(app);
        var email = await holder.SignUpAsync();
        await using var other = await BrowserSession.OpenAsync(app);
        var page = other.Page;

        await page.GotoAsync("/#/sign-up");
        await page.GetByLabel("Name").FillAsync("Someone Else");
        await page.GetByLabel("E-mail").FillAsync(email.ToUpperInvariant());
        await page.GetByLabel("Password (at least 10 characters)").FillAsync("a different password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("If this e-mail already has an account, sign in with its password");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create an account" })).ToBeVisibleAsync();
        await holder.Page.GotoAsync("/#/notifications");
        await Expect(holder.Page.Locator("li.notification[data-kind='account.registration_attempt']")).ToContainTextAsync("Someone tried to create a Lector account with your e-mail address");
        await other.AssertNoViolationsAsync();
        await holder.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task The_library_and_reader_work_with_the_keyboard_alone()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        var keyboard = page.Keyboard;
        await page.GotoAsync("/#/sign-in");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await TabToAsync(page, "a[href='#/sign-up']");
        await keyboard.PressAsync("Enter");
        await TabToAsync(page, "#displayName");
        await keyboard.TypeAsync("Keyboard User");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync($"keys-{Guid.NewGuid():N}@example.com");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("correct horse battery");
        await keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Library", Level = 1 })).ToBeVisibleAsync();

        await TabToAsync(page, "#paste-title");
        await keyboard.TypeAsync("Typed text");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("Keyboards are enough to use Lector. Every control can be reached with the tab key.");
        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Enter");
        var row = page.Locator("li.document");
        await Expect(row).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });

        // Every control of the library page is reached by Tab alone.
        var controls = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('a[href], button, input:not([type=file]), textarea, select, [tabindex=\"0\"]')]" +
            ".filter(e => !e.disabled && e.offsetParent !== null).map((e, i) => { e.dataset.e2e = String(i); return i; })" +
            ".map(String)");
        Assert.NotEmpty(controls);
        var reached = new HashSet<string>();
        for (var presses = 0; presses < controls.Length + 5; presses++)
        {
            await keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.e2e ?? null") is { } index)
            {
                reached.Add(index);
            }
        }

        Assert.Empty(controls.Except(reached));

        // Delete asks first: Escape keeps the document.
        await TabToAsync(page, "li.document button.danger");
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("dialog.confirm")).ToBeVisibleAsync();
        await keyboard.PressAsync("Escape");
        await Expect(page.Locator("dialog.confirm")).ToBeHiddenAsync();
        await Expect(row).ToHaveCountAsync(1);

        // Into the reader and playing, by keyboard.
        await TabToAsync(page, "li.document a.document-title");
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#page-text")).ToContainTextAsync("Keyboards are enough");
        await TabToAsync(page, "#play");
        await keyboard.PressAsync("Enter");
        await session.WaitForPlaybackAsync();

        // Back to the library and delete, confirming in the dialog.
        await TabToAsync(page, "a[href='#/library']:not(.brand)");
        await keyboard.PressAsync("Enter");
        await TabToAsync(page, "li.document button.danger");
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("dialog.confirm")).ToBeVisibleAsync();
        await TabToAsync(page, "dialog.confirm button.danger");
        await keyboard.PressAsync("Enter");
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.GetByText("No documents yet")).ToBeVisibleAsync();
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task The_library_and_reader_fit_a_phone_screen()
    {
        await using var session = await BrowserSession.OpenAsync(app, new ViewportSize { Width = 390, Height = 844 });
        var page = session.Page;
        await session.SignUpAsync();
        await page.GetByLabel("Title").FillAsync("Pocket text");
        await page.GetByLabel("Text").FillAsync("A phone is a small screen. Lector should still be readable on it.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
        await Expect(page.Locator("li.document")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        Assert.False(await HasHorizontalOverflowAsync(page), "The library scrolls sideways on a phone.");
        await session.ScreenshotAsync(app, "phone-library");

        await page.Locator("li.document a.document-title").ClickAsync();
        await Expect(page.Locator("#page-text")).ToContainTextAsync("A phone is a small screen.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true })).ToBeInViewportAsync();
        Assert.False(await HasHorizontalOverflowAsync(page), "The reader scrolls sideways on a phone.");
        await session.ScreenshotAsync(app, "phone-reader");
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Making_the_audiobook_marks_each_page_ready_then_offers_the_download()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        await Axe.InstallAsync(session);
        var page = session.Page;
        await session.SignUpAsync();
        var paragraphs = Enumerable.Range(1, 2).Select(n =>
            $"Part {n}. " + string.Join(' ', Enumerable.Range(1, 28).Select(i => $"Sentence {i} of part {n} is read aloud with the rest of the document.")));
        await page.GetByLabel("Title").FillAsync("Two parts");
        await page.GetByLabel("Text").FillAsync(string.Join("\n\n", paragraphs));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
        await Expect(page.Locator("li.document")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        await page.Locator("li.document a.document-title").ClickAsync();
        await Expect(page.Locator("#page-text")).ToContainTextAsync("Part 1.");
        await session.ChooseVoiceAsync("local:en-us");
        await Expect(page.Locator("#audiobook-state")).ToHaveTextAsync("No audiobook in this voice yet.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Make audiobook" }).ClickAsync();

        var download = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Download audiobook \\(M4B, \\d+:\\d\\d\\)$") });
        await Expect(download).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(download).ToHaveAttributeAsync("href", new Regex("^/api/exports/[^/]+/content\\?download=true$"));
        await Expect(page.Locator(".page-list a[data-audio-status=completed]")).ToHaveCountAsync(2);
        await Expect(page.Locator("#audio-state")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(page.Locator("#make-audiobook")).ToBeHiddenAsync();
        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        Assert.EndsWith(".m4b", file.SuggestedFilename, StringComparison.Ordinal);
        await session.ScreenshotAsync(app, "reader-audiobook");
        Assert.Empty(await Axe.ViolationsAsync(page));
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task A_pdfs_chapters_lead_to_their_pages_which_show_their_printed_labels()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await session.SignUpAsync();
        var pdf = new Lector.Testing.TestPdf()
            .Lines(120, "Preface words, on a page numbered in roman.")
            .Lines(120, "The first chapter starts here.")
            .Lines(120, "The second chapter starts here.")
            .Labels(1, "r")
            .Labels(2, "D")
            .Bookmark("Preface", 1)
            .Bookmark("Chapter One", 2)
            .Bookmark("Chapter Two", 3)
            .ToBytes();
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "book.pdf", MimeType = "application/pdf", Buffer = pdf });
        var row = page.Locator("li.document");
        await Expect(row).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page 1 (printed page i)" })).ToBeVisibleAsync();
        var chapters = page.GetByRole(AriaRole.Navigation, new() { Name = "Chapters" });
        await Expect(chapters.GetByRole(AriaRole.Link)).ToHaveCountAsync(3);
        await Expect(page.Locator(".page-list a[data-page='3'] .page-label")).ToHaveTextAsync(" · 2");

        await chapters.GetByRole(AriaRole.Link, new() { Name = "Chapter Two" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page 3 (printed page 2)" })).ToBeVisibleAsync();
        await Expect(page.Locator("#page-text")).ToContainTextAsync("The second chapter starts here.");
        await Expect(chapters.GetByRole(AriaRole.Link, new() { Name = "Chapter Two" })).ToHaveAttributeAsync("aria-current", "true");

        // The player bar steps through the chapters too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Previous chapter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page 2 (printed page 1)" })).ToBeVisibleAsync();
        await Expect(chapters.GetByRole(AriaRole.Link, new() { Name = "Chapter One" })).ToHaveAttributeAsync("aria-current", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next chapter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page 3 (printed page 2)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next chapter" })).ToBeDisabledAsync();
        await Expect(page.GetByLabel("Sleep timer").Locator("option[value=chapter]")).ToHaveTextAsync("End of chapter");
        await session.ScreenshotAsync(app, "reader-chapters");
        await session.AssertNoViolationsAsync();
    }

    /// <summary>Presses Tab until the focused element matches the selector; fails when it never does.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {selector}.");
    }

    private static Task<bool> HasHorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");

    [GeneratedRegex("^/api/audio/[^/]+/content$")]
    private static partial Regex AudioContentPath();

    [GeneratedRegex("GNU General Public License", RegexOptions.IgnoreCase)]
    private static partial Regex GplTitle();
}
