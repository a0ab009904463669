using Lector.Abstractions.Audio;
using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Bench;

/// <summary>Watches page-voice grains directly (Peek is a cheap interleaved read) until every page's audio is done.</summary>
public static class AudioProgress
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns how many pages failed; throws when they are not all done within <paramref name="timeout"/>.</summary>
    public static async Task<int> WaitAllAsync(LectorApp app, string documentId, IEnumerable<int> pages, string voice, TimeSpan timeout)
    {
        var client = app.App.Services.GetRequiredService<IClusterClient>();
        var waiting = pages.Select(p => client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, p, voice).GrainKey)).ToList();
        var failed = 0;
        using var deadline = new CancellationTokenSource(timeout);
        while (waiting.Count > 0)
        {
            var views = await Task.WhenAll(waiting.Select(g => g.AsReference<IPageVoiceMaintenanceGrain>().Peek()));
            failed += views.Count(v => v?.Status == AudioStatus.Failed);
            waiting = [.. waiting.Where((_, i) => views[i]?.Status is not (AudioStatus.Completed or AudioStatus.Failed))];
            if (waiting.Count > 0)
            {
                await Task.Delay(PollInterval, deadline.Token);
            }
        }

        return failed;
    }
}
