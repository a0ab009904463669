namespace Lector.Abstractions.Accounts;

/// <summary>A login identity, keyed by the normalized e-mail address (<c>EmailAddresses.Normalize</c>); owns the password hash.</summary>
[Alias("Lector.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the account and its user and answers the new profile. When the account exists already, it answers null
    /// after as much work as a registration, and tells the holder by notification, so callers can answer alike.
    /// Throws <c>auth.email_confusable</c> when the address can be mistaken for another account's.
    /// </summary>
    [Alias("Register")]
    Task<UserProfile?> Register(string email, string password, string displayName);

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
