using System.Security.Cryptography;
using System.Text.Json;
using Lector.Abstractions.Admin;

namespace Lector.Grains.Audit;

/// <summary>How entries are sealed and checked: SHA-256 over an unambiguous encoding of the entry and the previous hash.</summary>
public static class AuditChain
{
    /// <summary>The link of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    public static AuditEntry Seal(long seq, DateTimeOffset at, AuditRecord record, string previousHash)
    {
        // Milliseconds are what the store keeps, so the hash is computed over what will be read back.
        var stored = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        var entry = new AuditEntry(seq, stored, record.ActorId, record.Action, record.TargetType, record.TargetId, record.Ip, record.UserAgent, record.Outcome, previousHash, "");
        return entry with { Hash = HashOf(entry) };
    }

    public static string HashOf(AuditEntry entry)
    {
        // A JSON array encodes every field with its boundaries, so no two different entries share an encoding.
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new object[]
        {
            entry.Seq, entry.At.ToUnixTimeMilliseconds(), entry.ActorId, entry.Action, entry.TargetType,
            entry.TargetId, entry.Ip, entry.UserAgent, entry.Outcome, entry.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    /// <summary>
    /// Walks the whole log oldest first and reports the first entry that is altered, missing its predecessor or out of
    /// order; then holds it against <paramref name="anchor"/>, the head anchored outside the database, which the log must
    /// still contain as it was anchored: fewer entries means the newest were deleted ("truncated"), another hash at its
    /// place that they were deleted and replaced ("anchor_mismatch").
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entries, AuditHead? anchor, CancellationToken cancellationToken)
    {
        var previousHash = GenesisHash;
        var expectedSeq = 1L;
        var checkedCount = 0L;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            var reason = entry.Seq != expectedSeq ? "sequence_gap"
                : entry.PreviousHash != previousHash ? "link_broken"
                : HashOf(entry) != entry.Hash ? "hash_mismatch"
                : entry.Seq == anchor?.Seq && entry.Hash != anchor.Hash ? "anchor_mismatch"
                : null;
            if (reason is not null)
            {
                return new AuditVerification(false, checkedCount, entry.Seq, reason, anchor?.Seq);
            }

            checkedCount++;
            expectedSeq = entry.Seq + 1;
            previousHash = entry.Hash;
        }

        return anchor is not null && expectedSeq <= anchor.Seq
            ? new AuditVerification(false, checkedCount, expectedSeq, "truncated", anchor.Seq)
            : new AuditVerification(true, checkedCount, null, null, anchor?.Seq);
    }
}
