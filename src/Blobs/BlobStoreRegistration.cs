using Lector.Abstractions;
using Lector.Abstractions.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Lector.Blobs;

public static class BlobStoreRegistration
{
    /// <summary>The data directory, a setting of every role (<c>App:DataDirectory</c>); the file system store keeps blobs under it.</summary>
    public const string DataDirectoryKey = "App:DataDirectory";

    public const string DefaultDataDirectory = "./data";

    /// <summary>
    /// Registers the blob store named by <c>Blobs:Provider</c>: <c>filesystem</c> (default, under the data directory)
    /// or <c>s3</c> (settings in <c>Blobs:S3</c>). Silos and web fronts both read blobs.
    /// </summary>
    public static IServiceCollection AddLectorBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Blobs:Provider"] ?? "filesystem";
        if (provider.Equals("filesystem", StringComparison.OrdinalIgnoreCase))
        {
            var dataDirectory = configuration[DataDirectoryKey] ?? DefaultDataDirectory;
            services.TryAddSingleton<IBlobStore>(_ => new MeasuredBlobStore(new FileSystemBlobStore(Path.Combine(dataDirectory, "blobs")), "filesystem"));
        }
        else if (provider.Equals("s3", StringComparison.OrdinalIgnoreCase))
        {
            var options = configuration.GetSection(S3BlobStoreOptions.Section).Get<S3BlobStoreOptions>() ?? new S3BlobStoreOptions();
            options.ValidPrefix();
            services.TryAddSingleton<IBlobStore>(sp => new MeasuredBlobStore(new S3BlobStore(options, sp.GetRequiredService<ILogger<S3BlobStore>>()), "s3"));
        }
        else
        {
            throw new SettingException($"Blobs:Provider '{provider}' is not supported; use 'filesystem' or 's3'.");
        }

        return services;
    }
}
