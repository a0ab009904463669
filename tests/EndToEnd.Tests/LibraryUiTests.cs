using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

/// <summary>The library: finding and ordering documents, and adding one from the web.</summary>
[Collection(LectorAppCollection.Name)]
public sealed class LibraryUiTests(LectorAppFixture app)
{
    [Fact]
    public async Task The_library_finds_documents_by_title_and_sorts_them()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await session.SignUpAsync();
        foreach (var title in new[] { "Banana bread", "Apple pie", "Cherry tart" })
        {
            await page.GetByLabel("Title").FillAsync(title);
            await page.GetByLabel("Text").FillAsync($"How to make {title.ToLowerInvariant()}, step by step.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
            await Expect(page.Locator("#paste-title")).ToHaveValueAsync("");
        }

        var titles = page.Locator("li.document a.document-title");
        await Expect(titles).ToHaveTextAsync(["Cherry tart", "Apple pie", "Banana bread"]);
        await page.GetByLabel("Sort by").SelectOptionAsync("title");
        await Expect(titles).ToHaveTextAsync(["Apple pie", "Banana bread", "Cherry tart"]);
        await page.GetByLabel("Search").FillAsync("TART");
        await Expect(titles).ToHaveTextAsync(["Cherry tart"]);
        await page.GetByLabel("Search").FillAsync("crumble");
        await Expect(page.Locator(".documents .empty")).ToContainTextAsync("crumble");
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Importing_a_page_from_a_private_address_is_refused_with_a_clear_message_and_adds_nothing()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await session.SignUpAsync();

        await page.GetByLabel("Address (URL)").FillAsync("http://169.254.169.254/latest/meta-data/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Expect(page.Locator("form.import .form-status")).ToContainTextAsync("Could not import the page");
        await Expect(page.Locator(".documents .empty")).ToBeVisibleAsync();
        await session.AssertNoViolationsAsync();
    }
}
