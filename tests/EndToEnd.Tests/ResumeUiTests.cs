using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

/// <summary>Listening picks up where it stopped, on another device, and the library leads back there.</summary>
[Collection(LectorAppCollection.Name)]
public sealed class ResumeUiTests(LectorAppFixture app)
{
    [Fact]
    public async Task A_listener_stops_on_one_device_and_resumes_at_the_same_page_and_time_on_another()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 3).Select(p =>
            $"Page {p}. " + string.Join(' ', Enumerable.Range(1, 25).Select(s => $"Sentence {s} of page {p} is long enough to take a few seconds to say."))));
        string email;
        int savedOffsetMs;
        await using (var phone = await BrowserSession.OpenAsync(app, new ViewportSize { Width = 390, Height = 844 }))
        {
            var page = phone.Page;
            email = await phone.SignUpAsync();
            await page.GetByLabel("Title").FillAsync("Resumable");
            await page.GetByLabel("Text").FillAsync(text);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
            await Expect(page.Locator("li.document")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
            await page.Locator("li.document a.document-title").ClickAsync();
            // On a phone the player bar covers the foot of the screen; scrolled to the end, the page's own buttons clear it.
            await Expect(page.Locator("#page-heading")).ToHaveTextAsync("Page 1");
            await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
            await Expect(page.Locator("#page-heading")).ToHaveTextAsync("Page 2");
            await phone.ChooseVoiceAsync("local:en-us");
            await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
            await Expect(page.Locator("#audio-state")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });
            await phone.WaitForPlaybackAsync();
            await page.EvaluateAsync("() => { const a = document.getElementById('player'); a.currentTime = 2.5; }");
            await page.WaitForFunctionAsync("() => document.getElementById('player').currentTime >= 2.5");
            using var saved = page.WaitForResponseAsync(r => r.Url.EndsWith("/position", StringComparison.Ordinal) && r.Request.Method == "PUT");
            await page.EvaluateAsync("() => document.getElementById('player').pause()");
            var response = await saved;
            Assert.Equal(204, response.Status);
            var body = response.Request.PostDataJSON()!.Value;
            Assert.Equal(2, body.GetProperty("page").GetInt32());
            savedOffsetMs = body.GetProperty("offsetMs").GetInt32();
            Assert.InRange(savedOffsetMs, 2_500, 60_000);
            await phone.AssertNoViolationsAsync();
        }

        await using var desktop = await BrowserSession.OpenAsync(app);
        var laptop = desktop.Page;
        await desktop.SignUpAsync(email);
        var continuing = laptop.GetByRole(AriaRole.Region, new() { Name = "Continue listening" });
        await Expect(continuing).ToContainTextAsync("Page 2 of 3");
        await Expect(laptop.Locator("details.add")).Not.ToHaveAttributeAsync("open", "");
        await Expect(laptop.Locator("li.document .format")).ToHaveTextAsync("Pasted text");
        await desktop.ScreenshotAsync(app, "library-continue");
        await desktop.AssertNoViolationsAsync();

        await continuing.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(laptop.Locator("#page-heading")).ToHaveTextAsync("Page 2");
        var seconds = (int)Math.Floor(savedOffsetMs / 1000.0 + 0.5);
        await Expect(laptop.Locator(".resume")).ToContainTextAsync($"You stopped on page 2 at {seconds / 60}:{seconds % 60:D2}");
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await desktop.WaitForPlaybackAsync();
        var at = await laptop.EvaluateAsync<double>("() => document.getElementById('player').currentTime");
        Assert.InRange(at, savedOffsetMs / 1000.0 - 0.05, savedOffsetMs / 1000.0 + 30);
        Assert.EndsWith("/pages/2", laptop.Url, StringComparison.Ordinal);
        await desktop.AssertNoViolationsAsync();
    }
}
