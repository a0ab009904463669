using System.Diagnostics;
using System.Text.Json;
using Lector.Testing;

namespace Lector.WebFront.Tests.Endpoints;

/// <summary>
/// <c>/openapi/v1.json</c> against Redocly CLI's recommended rules (the version pinned in tests/OpenApiLint, installed by
/// <c>scripts/ensure-deps --test</c>): no errors, so client generators and API tools read it as it is meant.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiLintTests(LectorAppFixture fixture)
{
    private static readonly string Cli = Path.Combine(RepositoryPaths.Root, "tests", "OpenApiLint", "node_modules", "@redocly", "cli", "bin", "cli.js");

    [Fact]
    public async Task Redocly_recommended_rules_find_no_errors()
    {
        Assert.True(File.Exists(Cli), $"{Cli} is missing: run scripts/ensure-deps --test.");
        using var client = fixture.App.CreateClient();
        using var folder = new TempDirectory();
        var document = Path.Combine(folder.Path, "openapi.json");
        await File.WriteAllTextAsync(document, await client.GetStringAsync("/openapi/v1.json"));

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Cli, "lint", document, "--extends=recommended", "--format=json" })
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, and no asking the registry whether a newer CLI exists.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var lint = Process.Start(start)!;
        var output = lint.StandardOutput.ReadToEndAsync();
        var errors = lint.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await lint.WaitForExitAsync(timeout.Token);

        var report = JsonDocument.Parse(await output).RootElement;
        var problems = report.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString()))}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(report.GetProperty("totals").GetProperty("errors").GetInt32() == 0, await errors);
    }
}
