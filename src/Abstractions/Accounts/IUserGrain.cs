namespace Lector.Abstractions.Accounts;

/// <summary>A user: profile and API tokens, keyed by user id.</summary>
[Alias("Lector.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("Initialize")]
    Task Initialize(string email, string displayName);

    /// <summary>The profile, or null when no such user exists.</summary>
    [Alias("GetProfile")]
    Task<UserProfile?> GetProfile();

    [Alias("CreateApiToken")]
    Task<IssuedApiToken> CreateApiToken(string name);

    [Alias("ListApiTokens")]
    Task<IReadOnlyList<ApiTokenInfo>> ListApiTokens();

    /// <summary>False when the user has no token with that id.</summary>
    [Alias("RevokeApiToken")]
    Task<bool> RevokeApiToken(string tokenId);

    [Alias("StartSession")]
    Task<IssuedSession> StartSession();
}
