using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Lector.Testing;
using Microsoft.Data.Sqlite;

namespace Lector.Bench;

/// <summary>The machine a run happened on, and the resident memory of this process (Linux /proc).</summary>
public static partial class Machine
{
    private static readonly Lazy<double> MeasuredCommits = new(MeasureFsyncedCommitsPerSecond);

    /// <summary>
    /// Single-row SQLite transactions committed per second with fsync (WAL, synchronous=FULL) in the filesystem of
    /// the hosts' data directories: what a disk allows a design that commits per item. Measured once per run.
    /// </summary>
    public static double FsyncedCommitsPerSecond => MeasuredCommits.Value;

    public static string FsyncedCommits => Format.Number(FsyncedCommitsPerSecond, "fsync'd commits/s");

    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memoryKb = long.Parse(ReadField("/proc/meminfo", "MemTotal")?.Split(' ')[0] ?? "0", CultureInfo.InvariantCulture);
        var os = ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;
        return string.Join(
            Environment.NewLine,
            $"- CPU: {cpu}",
            $"- Cores: {Environment.ProcessorCount}",
            $"- RAM: {(memoryKb / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)} GiB",
            $"- OS: {os} ({RuntimeInformation.OSDescription.Trim()})",
            $"- .NET: {RuntimeInformation.FrameworkDescription}",
            $"- Disk: {FsyncedCommits} (SQLite WAL, synchronous=FULL, one-row transactions for 2 s, in the data directories' filesystem)");
    }

    /// <summary>VmRSS of this process in bytes.</summary>
    public static long ResidentBytes()
    {
        var kb = ReadField("/proc/self/status", "VmRSS")?.Split(' ')[0] ?? throw new InvalidOperationException("/proc/self/status has no VmRSS.");
        return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
    }

    private static double MeasureFsyncedCommitsPerSecond()
    {
        using var directory = new TempDirectory();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "commits.db")};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE Commits (Id INTEGER PRIMARY KEY, At INTEGER NOT NULL);";
            setup.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Commits (At) VALUES ($at)";
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        var commits = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            at.Value = clock.ElapsedTicks;
            insert.ExecuteNonQuery();
            transaction.Commit();
            commits++;
        }

        return commits / clock.Elapsed.TotalSeconds;
    }

    private static string? ReadField(string file, string name, char separator = ':')
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Select(line => line.Split(separator, 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == name)
            .Select(parts => Spaces().Replace(parts[1].Trim(), " "))
            .FirstOrDefault();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
