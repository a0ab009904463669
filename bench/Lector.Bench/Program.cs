using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lector.Bench;
using Lector.Bench.Scenarios;

// Runs every scenario (or those named with --only), prints one Markdown table and, with --results, saves it
// together with the machine's description. --smoke runs tiny sizes to check the harness, not to measure.
var smoke = args.Contains("--smoke");
var resultsPath = ValueOf("--results");
var only = ValueOf("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var sizes = smoke ? BenchSizes.Smoke : BenchSizes.Full;

// A reduced pacing run while developing (--only pacing --pacing-pages 300), or another number of pages in flight.
if (ValueOf("--pacing-pages") is { } pacingPages)
{
    var pages = int.Parse(pacingPages, CultureInfo.InvariantCulture);
    sizes = sizes with { PacingPages = pages, PacingClusterPages = pages, PacingFailoverPages = pages };
}

if (ValueOf("--pacing-in-flight") is { } inFlight)
{
    sizes = sizes with { PacingPagesInFlight = int.Parse(inFlight, CultureInfo.InvariantCulture) };
}

(string Name, Func<BenchSizes, Task<IReadOnlyList<ResultRow>>> Run)[] scenarios =
[
    ("memory", Memory.RunAsync),
    ("listing", LibraryListing.RunAsync),
    ("racing", RacingRequests.RunAsync),
    ("pipeline", PipelineOverhead.RunAsync),
    ("pacing", ProviderPacing.RunAsync),
    ("pacing-postgres", ProviderPacingOnPostgres.RunAsync),
    ("ingestion", Ingestion.RunAsync),
    ("scale", Scale.RunAsync),
    ("export", ExportMemory.RunAsync),
];

// Each scenario runs in a process of its own (this program again, with --rows), so none inherits another's heap,
// threads, timers or compiled code: measured, the racing burst cost 91 µs of CPU per request after the memory and
// listing scenarios in the same process, and 61-66 µs alone.
var rowsPath = ValueOf("--rows");
var rows = new List<ResultRow>();
var failed = false;
var total = Stopwatch.StartNew();
foreach (var (name, run) in scenarios.Where(s => only is null || only.Contains(s.Name)))
{
    if (rowsPath is null)
    {
        var (scenarioRows, succeeded) = await ScenarioProcess.RunAsync(name, args);
        rows.AddRange(scenarioRows);
        failed |= !succeeded;
        continue;
    }

    Console.Error.WriteLine($"[bench] {name} ...");
    var clock = Stopwatch.StartNew();
    try
    {
        rows.AddRange(await run(sizes));
    }
    catch (Exception e)
    {
        // A broken scenario must not hide the others' numbers, but the run fails.
        failed = true;
        Console.Error.WriteLine($"[bench] {name} failed: {e}");
        rows.Add(new ResultRow(name, "failed", "-", double.NaN, $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}"));
    }

    Console.Error.WriteLine($"[bench] {name} done in {clock.Elapsed.TotalSeconds:0.0} s");
}

if (rowsPath is not null)
{
    await ScenarioProcess.WriteRowsAsync(rowsPath, rows);
    return failed ? 1 : 0;
}

var table = ResultTable.ToMarkdown(rows);
Console.WriteLine(table);
if (resultsPath is not null)
{
    var report = new StringBuilder()
        .AppendLine("# Lector benchmark results")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC with `./scripts/bench{(smoke ? " --smoke" : "")}`, {total.Elapsed.TotalMinutes:0.0} minutes.")
        .AppendLine()
        .AppendLine("## Machine")
        .AppendLine()
        .AppendLine(Machine.Describe())
        .AppendLine()
        .AppendLine("## Results")
        .AppendLine()
        .AppendLine("Ratio is Lector / baseline. Each number is the median of the runs listed in its notes.")
        .AppendLine()
        .Append(table);
    await File.WriteAllTextAsync(resultsPath, report.ToString());
}

return failed ? 1 : 0;

string? ValueOf(string option)
{
    var index = Array.IndexOf(args, option);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
