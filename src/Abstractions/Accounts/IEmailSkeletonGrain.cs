namespace Lector.Abstractions.Accounts;

/// <summary>
/// The one e-mail address that holds a skeleton (the address with look-alike letters replaced by the ASCII ones they
/// resemble), keyed by the skeleton, so two accounts whose addresses can be mistaken for each other never both exist.
/// </summary>
[Alias("Lector.IEmailSkeletonGrain")]
public interface IEmailSkeletonGrain : IGrainWithStringKey
{
    /// <summary>True when the skeleton was free (it is now <paramref name="email"/>'s) or is <paramref name="email"/>'s already.</summary>
    [Alias("Claim")]
    Task<bool> Claim(string email);
}
