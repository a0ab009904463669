using Lector.Abstractions.Blobs;
using Lector.Grains.Speech;
using Lector.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace Lector.Grains.Tests;

/// <summary>
/// Two in-process silos configured exactly as the host configures them (SQLite grain storage, local blobs,
/// espeak-ng), sharing one data directory; the engine is wrapped so tests can count its calls.
/// Derived fixtures replace services (a clock, a blob store) through <see cref="ConfigureServices"/>.
/// </summary>
public class LectorClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public CountingSpeechEngine Engine { get; } = new(new EspeakEngine(Options.Create(new EspeakOptions())));

    public IBlobStore Blobs => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<IBlobStore>();

    public string DataDirectory => _data.Path;

    public virtual async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["App:DataDirectory"] = _data.Path })
            .Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLectorGrains(configuration);
            silo.Services.RemoveAll<ISpeechEngine>();
            silo.Services.AddSingleton<ISpeechEngine>(Engine);
            ConfigureServices(silo.Services);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Runs after the host's own registrations, so what it registers here wins.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<LectorClusterFixture>
{
    public const string Name = "cluster";
}
