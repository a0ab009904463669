using System.Diagnostics;

namespace Lector.Testing;

/// <summary>
/// A small file system of its own (tmpfs), for a fault a real disk has: filled up to the last byte, and then freed. Mounting needs root (CAP_SYS_ADMIN), as the test machines have.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private readonly TempDirectory _mountPoint = new();
    private readonly int _megabytes;

    public TmpfsMount(int megabytes)
    {
        _megabytes = megabytes;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", _mountPoint.Path);
    }

    public string Path => _mountPoint.Path;

    private string Filler => System.IO.Path.Combine(Path, "filler");

    /// <summary>Takes every free byte, so the next write that needs space fails with ENOSPC.</summary>
    public void Fill()
    {
        var chunk = new byte[1 << 16];
        // Unbuffered, so nothing is left to flush (and fail again) when the file is closed.
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            for (var written = 0L; written <= (long)_megabytes << 20; written += chunk.Length)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
            // Full, as wanted: a last partial chunk may have gone in, so not even a few bytes are left.
            return;
        }

        throw new InvalidOperationException("The file system did not fill up.");
    }

    public void Free() => File.Delete(Filler);

    /// <summary>
    /// Remounts the file system read-only, as a failing disk or an operator's remount leaves it. The kernel refuses
    /// (EBUSY) while any file on it is open for writing, as a running host's pooled database connections always are:
    /// <paramref name="closeWriters"/> runs before each try to close what can be closed, and the tries go on until one
    /// finds no writer between two of the host's writes.
    /// </summary>
    public void MakeReadOnly(Action closeWriters, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        string error;
        do
        {
            closeWriters();
            if (TryRun(out error, "mount", "-o", "remount,ro", Path))
            {
                return;
            }
        }
        while (deadline.Elapsed < within);

        throw new InvalidOperationException($"The file system could not be made read-only within {within.TotalSeconds} s: {error}");
    }

    public void MakeWritable() => Run("mount", "-o", "remount,rw", Path);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        _mountPoint.Dispose();
    }

    private static void Run(string program, params string[] arguments)
    {
        if (!TryRun(out var error, program, arguments))
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error}. These tests need root (CAP_SYS_ADMIN) to mount a tmpfs.");
        }
    }

    private static bool TryRun(out string error, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        error = process.StandardError.ReadToEnd().Trim();
        process.WaitForExit();
        error = $"exit code {process.ExitCode}, {error}";
        return process.ExitCode == 0;
    }
}
