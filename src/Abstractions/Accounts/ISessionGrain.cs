namespace Lector.Abstractions.Accounts;

/// <summary>A server-side login session, keyed by the hash of its cookie token, so logout holds on every web front.</summary>
[Alias("Lector.ISessionGrain")]
public interface ISessionGrain : ICredentialGrain
{
    [Alias("Open")]
    Task Open(string userId, string csrfToken, DateTimeOffset expiresAt);

    /// <summary>The session's user when it is open and unexpired, otherwise null.</summary>
    [Alias("Validate")]
    Task<Principal?> Validate();

    [Alias("Close")]
    Task Close();
}
