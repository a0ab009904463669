using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

[Collection(LectorAppCollection.Name)]
public sealed class AdminUiTests(LectorAppFixture app)
{
    [Fact]
    public async Task An_admin_opens_every_admin_view_and_saves_a_setting()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await session.SignUpAsync(LectorAppFixture.AdminEmail);

        await page.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Statistics", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".admin-stats dl.totals")).ToContainTextAsync("Documents");
        await Expect(page.Locator("figure.chart")).ToHaveCountAsync(2);

        var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "Admin sections" });
        await tabs.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Audit log", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("table.admin-table tbody tr").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        await Expect(page.Locator(".form-status")).ToContainTextAsync("The chain holds");

        await tabs.GetByRole(AriaRole.Link, new() { Name = "Failures" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Failures", Level = 1 })).ToBeVisibleAsync();

        await tabs.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Settings", Level = 1 })).ToBeVisibleAsync();
        var retention = page.GetByLabel("Retention (days)");
        var changed = (int.Parse(await retention.InputValueAsync()) + 7).ToString();
        await retention.FillAsync(changed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".settings-form .form-status")).ToHaveTextAsync("Saved.");
        await session.ScreenshotAsync(app, "admin-settings");

        // Saved on the server, not just in the form: a fresh load shows it.
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Retention (days)")).ToHaveValueAsync(changed);
        await session.AssertNoViolationsAsync();
    }
}
