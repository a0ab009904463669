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

    [Alias("Delete")]
    Task Delete(string callerId);

    /// <summary>The page text changed: the audio no longer matches it.</summary>
    [Alias("MarkStale")]
    Task MarkStale();

    /// <summary>The document is going: drop the audio and its blob without access checks.</summary>
    [Alias("Purge")]
    Task Purge();
}
