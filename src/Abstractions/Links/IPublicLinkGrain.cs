namespace Lector.Abstractions.Links;

/// <summary>One public link, keyed by the hash of its secret (so the secret itself is stored nowhere).</summary>
[Alias("Lector.IPublicLinkGrain")]
public interface IPublicLinkGrain : IGrainWithStringKey
{
    [Alias("Issue")]
    Task Issue(PublicLinkTarget target);

    /// <summary>What the link opens while it exists and has not expired; otherwise null.</summary>
    [Alias("Resolve")]
    Task<PublicLinkTarget?> Resolve();

    /// <summary>Ends the link; repeatable.</summary>
    [Alias("End")]
    Task End();
}
