using Orleans.Concurrency;

namespace Lector.Abstractions.Audio;

/// <summary>
/// The audio of one page in one voice, keyed by <see cref="AudioKey.GrainKey"/>, as callers see it: every method
/// checks the caller's access. The only place audio is created: its single activation makes concurrent requests
/// join one synthesis. The same grain answers <see cref="IPageVoiceMaintenanceGrain"/> for the system's own grains.
/// </summary>
[Alias("Lector.IPageVoiceGrain")]
public interface IPageVoiceGrain : IGrainWithStringKey
{
    /// <summary>The page's audio in this voice, starting synthesis when there is none yet (or it is stale).</summary>
    [Alias("Request")]
    Task<AudioRequestResult> Request(string callerId);

    /// <summary>
    /// What <see cref="Request"/> answers when it would change nothing (the audio exists, is current and is the
    /// caller's to keep); null when <see cref="Request"/> must run. Read-only, so a crowd asking for an audio that
    /// exists is answered side by side instead of one after another, each waiting on its access check.
    /// </summary>
    [Alias("RequestExisting"), ReadOnly]
    Task<AudioView?> RequestExisting(string callerId);

    /// <summary>
    /// <see cref="Request"/> on behalf of a whole-document job, whose own durable record stands for the request: a new
    /// audio is first written when it completes (or fails), and <paramref name="job"/> is told then, by a one-way call.
    /// </summary>
    [Alias("RequestForJob")]
    Task<AudioRequestResult> RequestForJob(string callerId, IAudioListener job);

    [Alias("Get")]
    Task<AudioView> Get(string callerId);

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
}
