using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;

namespace Lector.Grains.Audio;

public sealed class PageVoiceState
{
    public AudioStatus Status { get; set; }

    public SafeError? Error { get; set; }

    public string? BlobKey { get; set; }

    /// <summary>The speech marks' JSON blob, when the engine gave marks.</summary>
    public string? MarksBlobKey { get; set; }

    public string Format { get; set; } = "mp3";

    public long? DurationMs { get; set; }

    public long? SizeBytes { get; set; }

    /// <summary>The engine that made the audio, e.g. <c>local</c> or <c>polly</c>.</summary>
    public string? Engine { get; set; }

    /// <summary>The characters the engine charged for (for a local engine, the characters it spoke).</summary>
    public long? BilledCharacters { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastPlayedAt { get; set; }

    /// <summary>The page text changed after this audio was made.</summary>
    public bool Stale { get; set; }

    /// <summary>Past retention and kept only because auto-delete is off; a play or a new request revives it.</summary>
    public bool Expired { get; set; }

    /// <summary>The expiry the owner was warned about; a new clock (a play) means a new warning.</summary>
    public DateTimeOffset? WarnedForExpiry { get; set; }

    /// <summary>
    /// Set by a soft delete (by the user, or by expiry with auto-delete on): the record stays for audit while
    /// the blobs go and the slot is freed; to callers the audio no longer exists, and a request creates it anew.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Why it was deleted: <c>user</c> or <c>expired</c>.</summary>
    public string? DeletedReason { get; set; }

    public PageVoiceState Copy() => (PageVoiceState)MemberwiseClone();
}
