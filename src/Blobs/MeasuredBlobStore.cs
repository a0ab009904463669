using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Diagnostics;

namespace Lector.Blobs;

/// <summary>
/// Wraps the configured store: each operation is a span (<c>blob.put</c>, ...) and each failure of the store is
/// counted by operation and kind (<c>lector.blob.errors</c>). Keys are ids, never user text, so spans may carry them.
/// </summary>
public sealed class MeasuredBlobStore(IBlobStore inner, string provider) : IBlobStore, IDisposable
{
    private static readonly Counter<long> Errors = LectorDiagnostics.Meter.CreateCounter<long>(
        "lector.blob.errors", "{error}", "Blob store operations that failed, by provider, operation and failure kind.");

    /// <summary>The store configuration chose.</summary>
    public IBlobStore Inner => inner;

    public Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default) =>
        MeasureAsync("put", key, async () =>
        {
            await inner.PutAsync(key, content, cancellationToken);
            return true;
        });

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        MeasureAsync("get", key, () => inner.OpenReadAsync(key, cancellationToken));

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        MeasureAsync("exists", key, () => inner.ExistsAsync(key, cancellationToken));

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        MeasureAsync("delete", key, async () =>
        {
            await inner.DeleteAsync(key, cancellationToken);
            return true;
        });

    public Task<Uri?> GetReadUrlAsync(string key, string contentType, CancellationToken cancellationToken = default) =>
        MeasureAsync("presign", key, () => inner.GetReadUrlAsync(key, contentType, cancellationToken));

    /// <summary>A listing is long and lazy: its failures are counted, but it gets no span of its own. The inner store checks the prefix at once.</summary>
    public IAsyncEnumerable<BlobInfo> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        CountingFailures(inner.ListAsync(prefix, startAfter, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<BlobInfo> CountingFailures(IAsyncEnumerable<BlobInfo> listing, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var blobs = listing.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await blobs.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (BlobStoreException e)
            {
                Count("list", e);
                throw;
            }

            yield return blobs.Current;
        }
    }

    /// <summary>The container disposes this wrapper, so it passes that on to a store holding a client.</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();

    private async Task<T> MeasureAsync<T>(string operation, string key, Func<Task<T>> run)
    {
        using var activity = LectorDiagnostics.Source.StartActivity($"blob.{operation}", ActivityKind.Client);
        activity?.SetTag("lector.blob.provider", provider);
        activity?.SetTag("lector.blob.key", key);
        try
        {
            return await run();
        }
        catch (BlobStoreException e)
        {
            Count(operation, e);
            activity.Fail(e.Failure.ToString());
            throw;
        }
    }

    private void Count(string operation, BlobStoreException e) =>
        Errors.Add(1, new("provider", provider), new("operation", operation), new("failure", e.Failure.ToString()));
}
