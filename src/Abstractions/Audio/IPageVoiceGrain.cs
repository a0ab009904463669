using Orleans.Concurrency;
using Lector.Abstractions.Work;

namespace Lector.Abstractions.Audio;

/// <summary>
/// The audio of one page in one voice, keyed by <see cref="AudioKey.GrainKey"/>. The only place audio
/// is created: its single activation makes concurrent requests join one synthesis.
/// </summary>
[Alias("Lector.IPageVoiceGrain")]
public interface IPageVoiceGrain : IResumableGrain
{
    /// <summary>The page's audio in this voice, starting synthesis when there is none yet (or it is stale).</summary>
    [Alias("Request")]
    Task<AudioRequestResult> Request(string callerId);

    [Alias("Get")]
    Task<AudioView> Get(string callerId);

    /// <summary>The state without an access check, or null when there is no audio; for grains that already checked.</summary>
    [Alias("Peek"), AlwaysInterleave]
    Task<AudioView?> Peek();

    /// <summary>Where the completed audio's bytes are; records the play.</summary>
    [Alias("OpenContent")]
    Task<AudioContent> OpenContent(string callerId);

    /// <summary>Where the completed audio's speech marks (JSON) are; <c>audio.no_marks</c> when the engine gave none.</summary>
    [Alias("OpenMarks")]
    Task<string> OpenMarks(string callerId);

    [Alias("Retry")]
    Task<AudioView> Retry(string callerId);

    /// <summary>A soft delete: the blobs go and the page's slot is freed; the record stays (deleted) for audit, and a new request recreates the audio.</summary>
    [Alias("Delete")]
    Task Delete(string callerId);

    /// <summary>Applies retention now (warning, expiry); the audio's retention facts afterwards, or null when nothing is left to track.</summary>
    [Alias("ApplyRetention")]
    Task<AudioRetention?> ApplyRetention();

    /// <summary>Checks the audio's blobs exist; a completed audio whose blob is gone becomes failed (<c>audio.blob_missing</c>) and can be retried.</summary>
    [Alias("CheckBlobs")]
    Task<AudioBlobCheck> CheckBlobs();

    /// <summary>The page text changed: the audio no longer matches it.</summary>
    [Alias("MarkStale")]
    Task MarkStale();

    /// <summary>The document is going: drop the audio and its blob without access checks.</summary>
    [Alias("Purge")]
    Task Purge();
}
