using System.Collections.Concurrent;
using Lector.Grains.Collections;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Lector.Grains.Tests.Collections;

/// <summary>
/// The cluster with the collection store's writes recorded, and direct access to what the grains keep: the store
/// itself and the grain state rows an older Lector wrote.
/// </summary>
public sealed class CollectionClusterFixture : LectorClusterFixture
{
    public ConcurrentQueue<RecordedWrite> Writes { get; } = new();

    public ICollectionStore Store => Services.GetRequiredService<ICollectionStore>();

    private IServiceProvider Services => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress);

    private IGrainStorage GrainStorage => Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    /// <summary>The writes to <paramref name="collection"/> since the log was last cleared.</summary>
    public IReadOnlyList<RecordedWrite> WritesTo(CollectionKey collection) => [.. Writes.Where(w => w.Collection == collection)];

    /// <summary>Writes a grain's state as Orleans persists it, the way a grain of an older Lector would have.</summary>
    public async Task WriteGrainStateAsync<TState>(IAddressable grain, string stateName, TState state)
    {
        var stored = new GrainState<TState>(state);
        await GrainStorage.ReadStateAsync(stateName, grain.GetGrainId(), stored);
        stored.State = state;
        await GrainStorage.WriteStateAsync(stateName, grain.GetGrainId(), stored);
    }

    /// <summary>A grain's state as Orleans reads it at activation.</summary>
    public async Task<IGrainState<TState>> ReadGrainStateAsync<TState>(IAddressable grain, string stateName)
        where TState : new()
    {
        var stored = new GrainState<TState>(new TState());
        await GrainStorage.ReadStateAsync(stateName, grain.GetGrainId(), stored);
        return stored;
    }

    /// <summary>The bytes of every grain state row whose string key is <paramref name="key"/>, straight from the database.</summary>
    public async Task<long> GrainStateBytesAsync(string key)
    {
        await using var connection = new SqliteConnection(new Lector.Grains.Storage.SqliteDatabase(DataDirectory).ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(LENGTH(PayloadBinary)), 0) FROM OrleansStorage WHERE GrainIdExtensionString = @key;";
        command.Parameters.AddWithValue("key", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Deactivates every idle activation, so the next call activates the grain afresh from storage.</summary>
    public Task DeactivateAllAsync() =>
        Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    protected override void ConfigureServices(IServiceCollection services)
    {
        var registered = services.Single(d => d.ServiceType == typeof(ICollectionStore));
        services.Remove(registered);
        services.AddSingleton<ICollectionStore>(sp => new RecordingCollectionStore((ICollectionStore)registered.ImplementationFactory!(sp), Writes));
    }
}

[CollectionDefinition(Name)]
public sealed class CollectionClusterCollection : ICollectionFixture<CollectionClusterFixture>
{
    public const string Name = "collections cluster";
}
