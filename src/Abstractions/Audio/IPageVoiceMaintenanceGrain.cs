using Lector.Abstractions.Documents;
using Lector.Abstractions.Work;
using Orleans.Concurrency;

namespace Lector.Abstractions.Audio;

/// <summary>
/// The same page-voice grain as <see cref="IPageVoiceGrain"/>, as the system's own grains reach it: no access
/// checks, so only grains that already checked (or act for nobody, like retention) call these.
/// </summary>
[Alias("Lector.IPageVoiceMaintenanceGrain")]
public interface IPageVoiceMaintenanceGrain : IResumableGrain
{
    /// <summary>The state, or null when there is no audio.</summary>
    [Alias("Peek"), AlwaysInterleave]
    Task<AudioView?> Peek();

    /// <summary>
    /// Where the audio's bytes are when it is completed and matches the page's text (null otherwise), without recording
    /// a play: for grains that package audio (an export), not for listeners.
    /// </summary>
    [Alias("PeekContent"), AlwaysInterleave]
    Task<AudioContent?> PeekContent();

    /// <summary>
    /// The state now (null when there is no audio); while it is unfinished, <paramref name="listener"/> is also told once,
    /// by a one-way call, when it completes or fails. Listeners live in the activation's memory, so one that may outlive
    /// the activation (a silo can die) asks again now and then.
    /// </summary>
    [Alias("Watch")]
    Task<AudioView?> Watch(IAudioListener listener);

    /// <summary>Applies retention now: a warning to the owner, or expiry.</summary>
    [Alias("ApplyRetention")]
    Task ApplyRetention();

    /// <summary>Checks the audio's blob exists; a completed audio whose blob is gone becomes failed (<c>audio.blob_missing</c>) and can be retried. True when it was marked.</summary>
    [Alias("CheckBlobs")]
    Task<bool> CheckBlobs();

    /// <summary>The page text changed: the audio no longer matches it.</summary>
    [Alias("MarkStale")]
    Task MarkStale();

    /// <summary>The document is going: drop the audio and its blob.</summary>
    [Alias("Purge")]
    Task Purge();

    /// <summary>A rendering this grain started has written its blobs: commit them, in a turn of the grain's own.</summary>
    [Alias("Rendered")]
    Task Rendered(long rendering, RenderedAudio audio);

    /// <summary>A rendering this grain started failed for good.</summary>
    [Alias("RenderingFailed")]
    Task RenderingFailed(long rendering, SafeError error);
}
