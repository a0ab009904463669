using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

[Collection(LectorAppCollection.Name)]
public sealed class PronunciationsUiTests(LectorAppFixture app)
{
    [Fact]
    public async Task A_reader_adds_edits_and_removes_pronunciations_and_sees_the_apis_refusals_beside_the_fields()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        await Axe.InstallAsync(session);
        var page = session.Page;
        await session.SignUpAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Pronunciations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pronunciations", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".pronunciation-list .empty")).ToHaveTextAsync("No pronunciations yet.");

        await page.GetByLabel("Word as written").FillAsync("GNU");
        await page.GetByLabel("Pronunciation", new() { Exact = true }).FillAsync("guh new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.Locator("tr[data-grapheme='GNU'] td").Nth(1)).ToHaveTextAsync("guh new");

        // Not IPA: the API refuses the entry, and its message stands beside the field, described by it.
        await page.GetByLabel("Word as written").FillAsync("pecan");
        await page.GetByLabel("Phonemes (IPA)").CheckAsync();
        await page.GetByLabel("Pronunciation", new() { Exact = true }).FillAsync("p@k'A:n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.Locator("#spoken-error")).ToContainTextAsync("International Phonetic Alphabet");
        await Expect(page.Locator("table.pronunciations tbody tr")).ToHaveCountAsync(1);
        await Axe.AssertNoneAsync(page);

        await page.GetByLabel("Pronunciation", new() { Exact = true }).FillAsync("pɪˈkɑːn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.Locator("tr[data-grapheme='pecan'] td").Nth(1)).ToHaveTextAsync("/pɪˈkɑːn/");
        await Expect(page.Locator("#spoken-error")).ToBeEmptyAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit GNU" }).ClickAsync();
        await Expect(page.GetByLabel("Pronunciation", new() { Exact = true })).ToHaveValueAsync("guh new");
        await page.GetByLabel("Pronunciation", new() { Exact = true }).FillAsync("gnu project");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("tr[data-grapheme='GNU'] td").Nth(1)).ToHaveTextAsync("gnu project");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove pecan" }).ClickAsync();
        await Expect(page.Locator("tr[data-grapheme='pecan']")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Pronunciation of pecan removed.");
        await session.ScreenshotAsync(app, "pronunciations");

        // Saved on the server: a fresh load shows the one entry left.
        await page.ReloadAsync();
        await Expect(page.Locator("table.pronunciations tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-grapheme='GNU'] td").Nth(1)).ToHaveTextAsync("gnu project");
        await Axe.AssertNoneAsync(page);
        await session.AssertNoViolationsAsync();
    }
}
