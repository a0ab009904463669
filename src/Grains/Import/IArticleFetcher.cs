namespace Lector.Grains.Import;

/// <summary>Fetches the page a URL import names, within the import's address policy and limits.</summary>
public interface IArticleFetcher
{
    /// <summary>The page at <paramref name="url"/>, after redirects; refusals are <see cref="Abstractions.LectorException"/>s with <see cref="ImportErrors"/> codes.</summary>
    Task<FetchedPage> FetchAsync(string url, CancellationToken cancellationToken);
}

/// <summary>A fetched page: where it was found (the last redirect's target), its media type, and its bytes (text in UTF-8).</summary>
public sealed record FetchedPage(Uri Url, string MediaType, byte[] Content)
{
    public bool IsPlainText => MediaType == "text/plain";
}
