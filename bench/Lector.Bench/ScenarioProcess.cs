using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lector.Bench;

/// <summary>Runs one scenario in a new process of this program and reads back the rows it measured.</summary>
public static class ScenarioProcess
{
    /// <summary>A failed scenario's ratio is NaN, which JSON has no number for.</summary>
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <param name="arguments">This run's own arguments; the scenario's process gets them less the ones that choose and save.</param>
    public static async Task<(IReadOnlyList<ResultRow> Rows, bool Succeeded)> RunAsync(string scenario, string[] arguments)
    {
        var rowsPath = Path.Combine(Path.GetTempPath(), $"lector-bench-{scenario}-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        start.ArgumentList.Add(typeof(ScenarioProcess).Assembly.Location);
        foreach (var argument in WithoutChoosing(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in new[] { "--only", scenario, "--rows", rowsPath })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync();
            var rows = File.Exists(rowsPath)
                ? JsonSerializer.Deserialize<List<ResultRow>>(await File.ReadAllTextAsync(rowsPath), Json)!
                : [new ResultRow(scenario, "failed", "-", double.NaN, $"its process exited with code {process.ExitCode} and no results")];
            return (rows, process.ExitCode == 0);
        }
        finally
        {
            File.Delete(rowsPath);
        }
    }

    public static Task WriteRowsAsync(string path, IReadOnlyList<ResultRow> rows) =>
        File.WriteAllTextAsync(path, JsonSerializer.Serialize(rows, Json));

    /// <summary>The arguments less --only and --results (with their values): the scenario's process measures, the caller saves.</summary>
    private static IEnumerable<string> WithoutChoosing(string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] is "--only" or "--results")
            {
                i++;
                continue;
            }

            yield return arguments[i];
        }
    }
}
