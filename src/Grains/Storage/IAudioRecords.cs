namespace Lector.Grains.Storage;

/// <summary>
/// Questions about audio records as a whole, answered from the <c>LectorAudio</c> table that the database keeps
/// in step with every audio state write (Storage/Sql/*-audio-records.sql). The audio grains stay the authority:
/// an answer says which grains to ask, never what they hold, so a row one write behind costs a wasted visit at most.
/// </summary>
public interface IAudioRecords
{
    /// <summary>The voices with a live (not deleted) audio record on the page.</summary>
    Task<IReadOnlyList<string>> VoicesOnPageAsync(string documentId, int page, CancellationToken cancellationToken = default);

    /// <summary>Live audio records per page of the document; pages without any are left out.</summary>
    Task<IReadOnlyDictionary<int, int>> AudioCountsAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Audio grains whose stored state says work is unfinished (synthesis, or a soft delete), in key order after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<string>> UnfinishedAsync(string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completed audio due for a retention visit in one <paramref name="due"/> set, read in index order after
    /// <paramref name="after"/> (null: from the start): not yet warned with a clock that started at or before
    /// <paramref name="clockBefore"/> (the warning, or the expiry of an audio never warned), warned with a clock at or
    /// before it (the expiry), or marked expired (kept while auto-delete was off; <paramref name="clockBefore"/> unused).
    /// </summary>
    Task<IReadOnlyList<RetentionCandidate>> DueForRetentionAsync(
        RetentionDue due, DateTimeOffset clockBefore, RetentionCandidate? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="blobKeys"/> an audio record points to (audio or marks).</summary>
    Task<IReadOnlySet<string>> ReferencedAsync(IReadOnlyCollection<string> blobKeys, CancellationToken cancellationToken = default);

    /// <summary>Completed audio with their blob keys, in key order after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<(string GrainKey, string BlobKey)>> CompletedAsync(string? after, int limit, CancellationToken cancellationToken = default);
}

/// <summary>The sets of audio a retention pass visits; see <see cref="IAudioRecords.DueForRetentionAsync"/>.</summary>
public enum RetentionDue
{
    Warning,
    Expiry,
    ExpiredKept,
}

/// <summary>An audio due for a retention visit, and where a page of them ends.</summary>
public sealed record RetentionCandidate(string GrainKey, long ClockStartMs);
