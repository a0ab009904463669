using Orleans.Concurrency;

namespace Lector.Abstractions.Accounts;

/// <summary>
/// What a caller signs in with, a session or an API token. Answers that outlive their request (event streams)
/// wait on it, so they end as soon as it does, on whichever web front they run.
/// </summary>
[Alias("Lector.ICredentialGrain")]
public interface ICredentialGrain : IGrainWithStringKey
{
    /// <summary>
    /// True once the credential signs nobody in (closed, revoked, expired, or never issued); false when
    /// <paramref name="wait"/> passed first. Interleaves, so the end it waits for can happen meanwhile.
    /// </summary>
    [Alias("WaitForEnd"), AlwaysInterleave]
    Task<bool> WaitForEnd(TimeSpan wait);
}
