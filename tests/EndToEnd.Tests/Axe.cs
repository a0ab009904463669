using System.Text.Json;
using Lector.Testing;
using Microsoft.Playwright;

namespace Lector.EndToEnd;

/// <summary>
/// axe-core (tests/Axe, installed from its committed lock by <c>./scripts/ensure-deps --test</c>): the WCAG 2.1 A and
/// AA rules, run in the page as it is. It is installed as an init script, which the page's CSP does not govern.
/// </summary>
public static class Axe
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Axe", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} is missing: run ./scripts/ensure-deps --test");
    });

    /// <summary>Makes axe available in every page the session loads from now on.</summary>
    public static Task InstallAsync(BrowserSession session) => session.AddInitScriptAsync(Source.Value);

    /// <summary>Fails with every WCAG 2.1 AA violation on the page as it is now.</summary>
    public static async Task AssertNoneAsync(IPage page)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    /// <summary>Each WCAG 2.1 AA violation on the page as it is now: rule, impact, and the elements that break it.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary),
              }));
            }
            """,
            Tags);
        return [.. violations.EnumerateArray().Select(v =>
            $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()}"
            + string.Concat(v.GetProperty("nodes").EnumerateArray().Take(5).Select(n => $"{Environment.NewLine}    {n.GetString()}")))];
    }
}
