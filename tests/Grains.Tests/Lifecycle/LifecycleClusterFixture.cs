using Lector.Abstractions.Blobs;
using Lector.Blobs;
using Lector.Grains.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lector.Grains.Tests.Lifecycle;

/// <summary>
/// The cluster with a clock the tests move (the silos' TimeProvider), retention settings they change, and a
/// blob store that can be told to fail, wrapped around the real one.
/// </summary>
public class LifecycleClusterFixture : LectorClusterFixture
{
    public ShiftedClock Time { get; } = new();

    public MutableLifecycleSettings Settings { get; } = new();

    public FaultyBlobStore FaultyBlobs { get; private set; } = null!;

    private readonly Lock _blobsLock = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Time);
        services.RemoveAll<IAudioLifecycleSettings>();
        services.AddSingleton<IAudioLifecycleSettings>(Settings);
        var inner = CreateBlobStore();
        services.RemoveAll<IBlobStore>();
        services.AddSingleton<IBlobStore>(sp =>
        {
            // Both silos must share one wrapper, so a fault set by a test applies whichever silo acts; they may ask
            // for it at the same moment.
            lock (_blobsLock)
            {
                FaultyBlobs ??= new FaultyBlobStore(inner ?? new FileSystemBlobStore(Path.Combine(DataDirectory, "blobs")));
                return FaultyBlobs;
            }
        });
    }

    /// <summary>The store under the fault wrapper; null for the host's filesystem store.</summary>
    protected virtual IBlobStore? CreateBlobStore() => null;
}

/// <summary>The same cluster with blobs in S3 (moto_server).</summary>
public sealed class S3LifecycleClusterFixture : LifecycleClusterFixture
{
    private readonly MotoServerFixture _moto = new();

    public override async Task InitializeAsync()
    {
        await _moto.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _moto.DisposeAsync();
    }

    protected override IBlobStore? CreateBlobStore() => _moto.CreateStore(prefix: "lifecycle/");
}

public sealed class MutableLifecycleSettings : IAudioLifecycleSettings
{
    public AudioLifecycleSettings Current { get; set; } = new(RetentionDays: 180, ExpiryWarningDays: 30, AutoDeleteExpired: true);

    public ValueTask<AudioLifecycleSettings> GetAsync() => ValueTask.FromResult(Current);
}

/// <summary>
/// The real store, except for faults a test arms: a delete of a chosen key fails once, or the first write of a
/// matching key, once stored, never returns (its process froze there): crashes between two steps.
/// </summary>
public sealed class FaultyBlobStore(IBlobStore inner) : IBlobStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _failDelete = new();
    private readonly Lock _holdGate = new();
    private (Func<string, bool> Matches, TaskCompletionSource Stored)? _hold;

    public IBlobStore Inner => inner;

    public void FailNextDeleteOf(string key) => _failDelete[key] = true;

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        _failDelete.TryRemove(key, out _)
            ? throw new BlobStoreException(BlobFailure.Unavailable, "delete")
            : inner.DeleteAsync(key, cancellationToken);

    /// <summary>Completes when the held write is stored; the writer itself then waits until its silo is stopped.</summary>
    public Task HoldAfterNextPutOf(Func<string, bool> matches)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_holdGate)
        {
            _hold = (matches, stored);
        }

        return stored.Task;
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        await inner.PutAsync(key, content, cancellationToken);
        TaskCompletionSource? held = null;
        lock (_holdGate)
        {
            if (_hold is { } hold && hold.Matches(key))
            {
                held = hold.Stored;
                _hold = null;
            }
        }

        if (held is not null)
        {
            held.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => inner.ExistsAsync(key, cancellationToken);

    public IAsyncEnumerable<BlobInfo> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    /// <summary>The keys under <paramref name="prefix"/>, for assertions.</summary>
    public async Task<List<string>> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var blob in inner.ListAsync(prefix))
        {
            keys.Add(blob.Key);
        }

        return keys;
    }

    public Task<Uri?> GetReadUrlAsync(string key, string contentType, CancellationToken cancellationToken = default) =>
        inner.GetReadUrlAsync(key, contentType, cancellationToken);
}
