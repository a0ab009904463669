using System.Diagnostics;

namespace Lector.Grains.Speech;

/// <summary>Runs a program (as a <see cref="BackgroundProcess"/>) with bytes on stdin and collects stdout.</summary>
internal static class ProcessRunner
{
    private const int MaxErrorBytes = 4096;

    public static async Task<byte[]> RunAsync(string executable, IEnumerable<string> arguments, byte[] input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Start(executable, arguments);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var output = new MemoryStream();
            var readOutput = process.StandardOutput.BaseStream.CopyToAsync(output, timeoutSource.Token);
            var readError = ReadBoundedAsync(process.StandardError.BaseStream, timeoutSource.Token);
            await process.StandardInput.BaseStream.WriteAsync(input, timeoutSource.Token);
            process.StandardInput.Close();
            await Task.WhenAll(readOutput, readError, process.WaitForExitAsync(timeoutSource.Token));
            if (process.ExitCode != 0)
            {
                throw new SpeechException("speech.engine_failed", $"'{Path.GetFileName(executable)}' exited with code {process.ExitCode}.", transient: false);
            }

            return output.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SpeechException("speech.timeout", $"'{Path.GetFileName(executable)}' took longer than {timeout.TotalSeconds:0} s.", transient: true);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process Start(string executable, IEnumerable<string> arguments)
    {
        try
        {
            return BackgroundProcess.Start(executable, arguments);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SpeechException("speech.engine_unavailable", $"'{Path.GetFileName(executable)}' could not be started.", transient: false, e);
        }
    }

    private static async Task ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        // stderr is drained so the child never blocks on a full pipe; its text is not kept because it may echo input.
        var buffer = new byte[MaxErrorBytes];
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }
}
