using System.Diagnostics;

namespace Lector.Bench;

/// <summary>One whole-document job, as a client runs it: POST, then read its progress until every page is done.</summary>
public static class WholeDocumentRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Returns the job's last progress; <paramref name="onProgress"/> sees every progress read (a failed read, while a
    /// killed silo is not yet declared dead, is skipped and read again).
    /// </summary>
    public static async Task<DocumentAudioProgress> RunAsync(
        BenchUser user, string documentId, string voice, TimeSpan timeout, Func<DocumentAudioProgress, Task>? onProgress = null)
    {
        await user.RequestDocumentAudioAsync(documentId, voice);
        var clock = Stopwatch.StartNew();
        DocumentAudioProgress? last = null;
        while (clock.Elapsed < timeout)
        {
            if (await user.TryReadDocumentAudioAsync(documentId, voice) is { } progress)
            {
                last = progress;
                if (onProgress is not null)
                {
                    await onProgress(progress);
                }

                if (progress.Finished)
                {
                    return progress;
                }
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"The whole-document job did not finish in {timeout}; last progress: {last?.ToString() ?? "none read"}.");
    }
}

/// <summary>Rates read from the Polly fake's completion timestamps (answers over time), sorted.</summary>
public static class CompletionRate
{
    /// <summary>Answers per second from the first answer to the last.</summary>
    public static double Overall(IReadOnlyList<DateTimeOffset> completions) =>
        completions.Count < 2 ? double.NaN : (completions.Count - 1) / (completions[^1] - completions[0]).TotalSeconds;

    /// <summary>
    /// From <paramref name="killedAt"/> to the end of the first sliding window, wholly after it, whose answers reach
    /// <paramref name="perSecond"/>; null when no such window comes.
    /// </summary>
    public static TimeSpan? RecoveryAfter(IReadOnlyList<DateTimeOffset> completions, DateTimeOffset killedAt, double perSecond, TimeSpan window)
    {
        var needed = (int)Math.Ceiling(perSecond * window.TotalSeconds);
        var after = completions.Where(c => c > killedAt).ToList();
        var start = 0;
        for (var end = 0; end < after.Count; end++)
        {
            while (after[start] < after[end] - window)
            {
                start++;
            }

            if (after[end] - window >= killedAt && end - start + 1 >= needed)
            {
                return after[end] - killedAt;
            }
        }

        return null;
    }
}
