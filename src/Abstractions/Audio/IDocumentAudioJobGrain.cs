using Lector.Abstractions.Documents;
using Lector.Abstractions.Work;
using Orleans.Concurrency;

namespace Lector.Abstractions.Audio;

/// <summary>
/// Synthesis of every page of one document in one voice, keyed by <see cref="DocumentAudioJobKey"/>.
/// Asks the page-voice grains for their audio a few pages at a time, so a large document paces
/// itself; its progress is persisted, so a restart resumes the job where it left off.
/// </summary>
[Alias("Lector.IDocumentAudioJobGrain")]
public interface IDocumentAudioJobGrain : IResumableGrain
{
    /// <summary>Starts the job (collaborators and up), or joins the one running; a finished job starts over, regenerating stale pages.</summary>
    [Alias("Start")]
    Task<DocumentAudioProgress> Start(string callerId);

    /// <summary>The progress of the latest run; <c>document_audio.not_found</c> when none was started.</summary>
    [Alias("GetProgress"), AlwaysInterleave]
    Task<DocumentAudioProgress> GetProgress(string callerId);
}

public static class DocumentAudioJobKey
{
    public static string For(string documentId, string voice) => $"{documentId}/{voice}";

    /// <summary>Document ids hold no slash, so the first one separates the voice, which may.</summary>
    public static (string DocumentId, string Voice) Parse(string key)
    {
        var separator = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..separator], key[(separator + 1)..]);
    }
}

public enum DocumentAudioJobStatus
{
    Running,
    Completed,
}

/// <summary>A page the job could not give audio, with a reason safe to show; <see cref="AudioId"/> names the failed audio to retry, if one was made.</summary>
[GenerateSerializer, Alias("Lector.PageAudioFailure")]
public sealed record PageAudioFailure([property: Id(0)] int Page, [property: Id(1)] SafeError Error, [property: Id(2)] string? AudioId);

/// <summary><c>pending</c> counts pages not yet completed or failed: queued and in synthesis.</summary>
[GenerateSerializer, Alias("Lector.DocumentAudioProgress")]
public sealed record DocumentAudioProgress(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] string Voice,
    [property: Id(2)] DocumentAudioJobStatus Status,
    [property: Id(3)] int Total,
    [property: Id(4)] int Completed,
    [property: Id(5)] int Failed,
    [property: Id(6)] int Pending,
    [property: Id(7)] IReadOnlyList<PageAudioFailure> Failures,
    [property: Id(8)] DateTimeOffset StartedAt,
    [property: Id(9)] DateTimeOffset? FinishedAt);
