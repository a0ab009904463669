namespace Lector.Abstractions.Accounts;

/// <summary>A login identity, keyed by the normalized e-mail address; owns the password hash.</summary>
[Alias("Lector.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account and its user; throws <c>auth.email_taken</c> when it exists.</summary>
    [Alias("Register")]
    Task<UserProfile> Register(string email, string password, string displayName);

    /// <summary>The user id when the password matches, otherwise null.</summary>
    [Alias("VerifyPassword")]
    Task<string?> VerifyPassword(string password);

    /// <summary>The user id of the account, or null when no account has this e-mail.</summary>
    [Alias("GetUserId")]
    Task<string?> GetUserId();
}
