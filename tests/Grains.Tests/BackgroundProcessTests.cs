using System.Text;
using Lector.Grains.Speech;

namespace Lector.Grains.Tests;

/// <summary>Background programs run below the host's priority, read from inside the program itself.</summary>
public sealed class BackgroundProcessTests
{
    [Fact]
    public async Task A_speech_program_runs_with_a_higher_nice_value_than_the_host()
    {
        // The shell waits for its input before asking, so it asks after the priority was set.
        var output = await ProcessRunner.RunAsync("/bin/sh", ["-c", "read line; nice"], "go\n"u8.ToArray(), TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(Math.Min(19, HostNice() + 10), int.Parse(Encoding.ASCII.GetString(output).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_program_that_ends_at_once_is_started_all_the_same()
    {
        using var process = BackgroundProcess.Start("/bin/true", []);
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>The test host's own nice value (field 19 of /proc/self/stat, after the command name in parentheses).</summary>
    private static int HostNice()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
