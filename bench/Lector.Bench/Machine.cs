using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Lector.Bench;

/// <summary>The machine a run happened on, and the resident memory of this process (Linux /proc).</summary>
public static partial class Machine
{
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
            $"- .NET: {RuntimeInformation.FrameworkDescription}");
    }

    /// <summary>VmRSS of this process in bytes.</summary>
    public static long ResidentBytes()
    {
        var kb = ReadField("/proc/self/status", "VmRSS")?.Split(' ')[0] ?? throw new InvalidOperationException("/proc/self/status has no VmRSS.");
        return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
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
