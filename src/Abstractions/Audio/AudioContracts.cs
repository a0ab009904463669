using Lector.Abstractions.Documents;

namespace Lector.Abstractions.Audio;

public enum AudioStatus
{
    Pending,
    Generating,
    Completed,
    Failed,
}

[GenerateSerializer, Alias("Lector.AudioView")]
public sealed record AudioView(
    [property: Id(0)] string Id,
    [property: Id(1)] string DocumentId,
    [property: Id(2)] int Page,
    [property: Id(3)] string Voice,
    [property: Id(4)] AudioStatus Status,
    [property: Id(5)] SafeError? Error,
    [property: Id(6)] long? DurationMs,
    [property: Id(7)] long? SizeBytes,
    [property: Id(8)] string Format,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset? LastPlayedAt,
    [property: Id(11)] bool Stale,
    [property: Id(12)] bool Expired = false,
    [property: Id(13)] DateTimeOffset? ExpiresAt = null,
    [property: Id(14)] string? Engine = null,
    [property: Id(15)] long? BilledCharacters = null);

/// <summary>What a rendering made: the audio's blobs and facts, handed back to its grain to commit in a turn of its own.</summary>
[GenerateSerializer, Immutable, Alias("Lector.RenderedAudio")]
public sealed record RenderedAudio(
    [property: Id(0)] string BlobKey,
    [property: Id(1)] string? MarksBlobKey,
    [property: Id(2)] string Format,
    [property: Id(3)] long DurationMs,
    [property: Id(4)] long SizeBytes,
    [property: Id(5)] string Engine,
    [property: Id(6)] long? BilledCharacters,
    [property: Id(7)] int SpokenCharacters);

/// <summary>The answer to an audio request: the one audio of that page and voice, and whether this request created it.</summary>
[GenerateSerializer, Alias("Lector.AudioRequestResult")]
public sealed record AudioRequestResult([property: Id(0)] AudioView Audio, [property: Id(1)] bool Created);

/// <summary>Where a completed audio's bytes are.</summary>
[GenerateSerializer, Alias("Lector.AudioContent")]
public sealed record AudioContent(
    [property: Id(0)] string BlobKey,
    [property: Id(1)] string ContentType,
    [property: Id(2)] string Format);

/// <summary>
/// A voice of a configured engine: <paramref name="Name"/> readable ("English (Lancaster)", "Joanna (neural)"),
/// <paramref name="Language"/> a BCP 47 tag, <paramref name="Gender"/> one of <see cref="VoiceGender"/>'s values.
/// </summary>
[GenerateSerializer, Alias("Lector.VoiceInfo")]
public sealed record VoiceInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Engine,
    [property: Id(2)] string Name,
    [property: Id(3)] string Language,
    [property: Id(4)] string Gender)
{
    /// <summary>Longer than any engine's voice id ("polly:Joanna:neural"); longer ones are refused unread.</summary>
    public const int MaxIdLength = 100;
}
