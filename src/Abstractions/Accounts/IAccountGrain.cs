namespace Lector.Abstractions.Accounts;

/// <summary>A login identity, keyed by the normalized e-mail address; owns the password hash.</summary>
[Alias("Lector.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account and its user; throws <c>auth.email_taken</c> when it exists.</summary>
    [Alias("Register")]
    Task<UserProfile> Register(string email, string password, string displayName);

    /// <summary>
    /// Checks the password unless failures already made this account, this client, or the two together wait (then no
    /// password is checked at all, so guessing cannot race the delay). <paramref name="client"/> names where the attempt
    /// came from: an IPv4 address or an IPv6 /64.
    /// </summary>
    [Alias("SignIn")]
    Task<SignInOutcome> SignIn(string password, string client);

    /// <summary>The user id of the account, or null when no account has this e-mail.</summary>
    [Alias("GetUserId")]
    Task<string?> GetUserId();
}
