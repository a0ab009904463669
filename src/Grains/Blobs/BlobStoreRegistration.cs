using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lector.Grains.Blobs;

public static class BlobStoreRegistration
{
    /// <summary>Registers the blob store named by <c>Blobs:Provider</c> (silos and web fronts both read blobs).</summary>
    public static IServiceCollection AddLectorBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Blobs:Provider"] ?? "filesystem";
        if (!provider.Equals("filesystem", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Blobs:Provider '{provider}' is not supported; use 'filesystem'.");
        }

        var dataDirectory = configuration[$"{LectorOptions.Section}:{nameof(LectorOptions.DataDirectory)}"] ?? new LectorOptions().DataDirectory;
        services.TryAddSingleton<IBlobStore>(_ => new FileSystemBlobStore(Path.Combine(dataDirectory, "blobs")));
        return services;
    }
}
