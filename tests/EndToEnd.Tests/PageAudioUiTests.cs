using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

/// <summary>A page's text and audio managed from the reader: edit the text, see the audio go out of date, make it again, delete it.</summary>
[Collection(LectorAppCollection.Name)]
public sealed class PageAudioUiTests(LectorAppFixture app)
{
    [Fact]
    public async Task An_owner_edits_a_page_regenerates_its_out_of_date_audio_and_deletes_it_to_free_the_voice()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await session.SignUpAsync();
        await page.GetByLabel("Title").FillAsync("Editable");
        await page.GetByLabel("Text").FillAsync("The first version of this page.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
        await Expect(page.Locator("li.document")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        await page.Locator("li.document a.document-title").ClickAsync();
        await session.ChooseVoiceAsync("local:en-us");

        // The document's event stream says when the audio is done: the reader reads the audio at most once meanwhile.
        var audioReads = 0;
        page.Request += (_, request) =>
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(new Uri(request.Url).AbsolutePath, "^/api/audio/[^/]+$"))
            {
                Interlocked.Increment(ref audioReads);
            }
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await Expect(page.Locator("#audio-state")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });
        Assert.InRange(audioReads, 0, 1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit text" }).ClickAsync();
        await page.GetByLabel("Text of page 1").FillAsync("The second version of this page, rewritten.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save text" }).ClickAsync();
        await Expect(page.Locator("#page-text")).ToContainTextAsync("The second version of this page, rewritten.");
        await Expect(page.Locator("#audio-state")).ToContainTextAsync("Out of date");
        await page.GetByText("Voices of this page").ClickAsync();
        await Expect(page.Locator(".page-audio-list")).ToContainTextAsync("out of date");
        await Expect(page.Locator("#page-quota")).ToContainTextAsync("1 of ");
        await session.AssertNoViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        await Expect(page.Locator("#audio-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Audio ready"), new() { Timeout = 60_000 });
        await Expect(page.Locator("#regenerate-audio")).ToBeHiddenAsync();

        await page.Locator("#delete-audio").ClickAsync();
        await Expect(page.Locator("#audio-state")).ToContainTextAsync("Not synthesized in this voice yet");
        await Expect(page.Locator("#page-quota")).ToContainTextAsync("0 of ");
        await Expect(page.Locator(".page-audio-list")).ToHaveCountAsync(0);
        await session.ScreenshotAsync(app, "reader-page-audio");
        await session.AssertNoViolationsAsync();
    }
}
