namespace Lector.Abstractions.Accounts;

/// <summary>
/// Tells every web front when a session or API token ends, so that fronts may keep who a credential signs in
/// without asking its grain on each request. One per cluster (key 0); it keeps only the fronts, never credentials.
/// </summary>
[Alias("Lector.ICredentialEndsGrain")]
public interface ICredentialEndsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Adds or renews a front's subscription. The answer stays the same while the front has heard every end; when
    /// it changes (a push failed, the subscription lapsed, this grain started again), the front forgets what it kept.
    /// </summary>
    [Alias("Subscribe")]
    Task<Guid> Subscribe(ICredentialEndObserver front);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ICredentialEndObserver front);

    /// <summary>Returns once every front has dropped the credential, or has been dropped itself for not answering in time.</summary>
    [Alias("Ended")]
    Task Ended(string credentialKey);
}

/// <summary>A web front's ear for ended credentials.</summary>
[Alias("Lector.ICredentialEndObserver")]
public interface ICredentialEndObserver : IGrainObserver
{
    [Alias("CredentialEnded")]
    Task CredentialEnded(string credentialKey);
}

/// <summary>The renewal rhythm fronts and <see cref="ICredentialEndsGrain"/> agree on.</summary>
public static class CredentialEndSubscription
{
    /// <summary>How often a front renews; a front silent for three periods is forgotten.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);
}
