using System.ComponentModel;
using System.Diagnostics;

namespace Lector.Grains;

/// <summary>
/// Starts the programs background work runs (speech engines, the MP3 encoder, ffmpeg) with their standard streams
/// piped and their arguments never passed through a shell, at a lower CPU priority than the host: synthesis and
/// exports are batch work that can wait a moment, while an HTTP answer or a grain turn is someone waiting. Without it,
/// one page's encoder holds a whole core of a small machine while a crowd of requests queues for the other.
/// </summary>
internal static class BackgroundProcess
{
    /// <summary>The priority the programs run at (a nice value of 10 on Linux).</summary>
    public const ProcessPriorityClass Priority = ProcessPriorityClass.BelowNormal;

    /// <summary>Starts the program; a program that cannot be started throws <see cref="Win32Exception"/>.</summary>
    public static Process Start(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        try
        {
            process.PriorityClass = Priority;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It already ended (or the platform refused): its work is done or it runs at the usual priority.
        }

        return process;
    }
}
