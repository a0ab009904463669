using System.Diagnostics;
using System.Text;

namespace Lector.Grains.Exports;

/// <summary>
/// One running ffmpeg (a <see cref="BackgroundProcess"/>). The end of its error
/// output is kept for the log (ffmpeg writes only its own diagnostics there, at the error level it is run with).
/// Disposing kills it if it still runs.
/// </summary>
internal sealed class FfmpegProcess : IAsyncDisposable
{
    private const int ErrorTailBytes = 2048;

    private readonly Process _process;
    private readonly Task<string> _errors;
    private bool _disposed;

    private FfmpegProcess(Process process)
    {
        _process = process;
        _errors = ReadTailAsync(process.StandardError.BaseStream);
    }

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    public static FfmpegProcess Start(string executable, IEnumerable<string> arguments)
    {
        Process process;
        try
        {
            process = BackgroundProcess.Start(executable, ["-hide_banner", "-nostats", "-loglevel", "error", .. arguments]);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AudioBookEncodingException($"'{Path.GetFileName(executable)}' could not be started; is ffmpeg installed?", e);
        }

        return new FfmpegProcess(process);
    }

    /// <summary>Waits for the end; throws, with what ffmpeg said, unless it exited with success.</summary>
    public async Task WaitForSuccessAsync(string what, CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        var errors = await _errors;
        if (_process.ExitCode != 0)
        {
            throw new AudioBookEncodingException($"ffmpeg failed {what} (exit code {_process.ExitCode}): {errors}");
        }
    }

    /// <summary>Runs ffmpeg to its end with nothing on its standard input.</summary>
    public static async Task RunAsync(string executable, IEnumerable<string> arguments, string what, CancellationToken cancellationToken)
    {
        await using var ffmpeg = Start(executable, arguments);
        ffmpeg.Input.Close();
        await ffmpeg.WaitForSuccessAsync(what, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended in between.
        }

        await ((Task)_errors).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    /// <summary>Drains the stream (so ffmpeg never blocks on a full pipe), keeping its last bytes.</summary>
    private static async Task<string> ReadTailAsync(Stream stream)
    {
        var tail = new Queue<byte>(ErrorTailBytes);
        var buffer = new byte[1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (tail.Count == ErrorTailBytes)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(b);
            }
        }

        return Encoding.UTF8.GetString([.. tail]).Trim();
    }
}
