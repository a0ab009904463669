using System.Globalization;
using System.Text;

namespace Lector.Bench;

/// <summary>One measured comparison: Lector's number, the baseline's number and their ratio (Lector / baseline).</summary>
public sealed record ResultRow(string Scenario, string Lector, string Baseline, double Ratio, string Notes);

public static class ResultTable
{
    public static string ToMarkdown(IEnumerable<ResultRow> rows)
    {
        var table = new StringBuilder();
        table.AppendLine("| scenario | Lector | baseline | ratio | notes |");
        table.AppendLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(row.Scenario)} | {Cell(row.Lector)} | {Cell(row.Baseline)} | {Format.Ratio(row.Ratio)} | {Cell(row.Notes)} |");
        }

        return table.ToString();
    }

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
}

/// <summary>How numbers are written in the table.</summary>
public static class Format
{
    public static string Ratio(double ratio) => double.IsFinite(ratio) ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a";

    public static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Number(double value, string unit) => !double.IsFinite(value) ? "-" : value.ToString(value >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : "");

    public static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>The median of a run series, and the series itself for the notes.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Runs(IEnumerable<double> values, string format) =>
        "runs " + string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}
