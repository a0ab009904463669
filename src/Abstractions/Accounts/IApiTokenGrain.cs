namespace Lector.Abstractions.Accounts;

/// <summary>An API token, keyed by the hash of its secret.</summary>
[Alias("Lector.IApiTokenGrain")]
public interface IApiTokenGrain : ICredentialGrain
{
    [Alias("Issue")]
    Task Issue(string userId, string tokenId);

    /// <summary>The owner when the token is live (and records its use), otherwise null.</summary>
    [Alias("Authenticate")]
    Task<Principal?> Authenticate();

    [Alias("GetLastUsed")]
    Task<DateTimeOffset?> GetLastUsed();

    [Alias("Revoke")]
    Task Revoke();
}
