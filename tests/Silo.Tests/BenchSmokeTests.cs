using System.Diagnostics;
using Lector.Testing;

namespace Lector.Silo.Tests;

/// <summary>The benchmark harness in smoke mode (tiny sizes): every scenario still runs and fills its row.</summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task Smoke_run_fills_a_row_for_every_scenario()
    {
        var start = new ProcessStartInfo("dotnet", [RepositoryPaths.BenchAssembly, "--smoke"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The harness did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var table = await output;
        Assert.True(process.ExitCode == 0, $"The harness failed:\n{table}\n{await errors}");
        var rows = table.Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal)).Skip(1).ToList();
        foreach (var scenario in new[] { "Memory", "Library listing", "Racing requests", "Pipeline overhead (", "Pipeline overhead, Festival (", "Provider pacing (", "Durable writes per page", "Provider pacing on PostgreSQL (one silo)", "Provider pacing on PostgreSQL, two silos", "Ingestion", "Scale: ", "Export: " })
        {
            Assert.Contains(rows, row => row.StartsWith($"| {scenario}", StringComparison.Ordinal));
        }

        Assert.All(rows, row => Assert.DoesNotContain("| failed |", row, StringComparison.Ordinal));
    }
}
