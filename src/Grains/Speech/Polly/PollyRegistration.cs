using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Speech.Polly;

public static class PollyRegistration
{
    /// <summary>
    /// Registers the Polly engine: an <see cref="HttpClient"/> that signs with SigV4 for service <c>polly</c>
    /// using the SDK's default credential chain, the pacing and the engine.
    /// </summary>
    public static IServiceCollection AddPollyEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PollyOptions>(configuration.GetSection(PollyOptions.Section));
        services.AddSingleton<IActiveSilos, MembershipActiveSilos>();
        services.AddSingleton<PollyPacing>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PollyOptions>>().Value;
            return new PollyClient(CreateHttpClient(options, new DefaultChainCredentials()), provider.GetRequiredService<ILogger<PollyClient>>());
        });
        services.AddSingleton<ISpeechEngine, PollyEngine>();
        return services;
    }

    public static HttpClient CreateHttpClient(PollyOptions options, AWSCredentials credentials)
    {
        var transport = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),

            // A followed redirect would carry a signature made for another address.
            AllowAutoRedirect = false,
        };
        var signing = new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(options.Region), "polly", transport);
        return new HttpClient(signing)
        {
            BaseAddress = options.Endpoint,
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
    }

    /// <summary>
    /// The SDK's default chain, resolved at the first request rather than at start-up, so a silo without
    /// credentials still starts (its Polly requests fail as <c>speech.auth_failed</c>, logged for operators).
    /// A failed resolution is tried again on the next request.
    /// </summary>
    private sealed class DefaultChainCredentials : AWSCredentials
    {
        private readonly Lazy<AWSCredentials> _resolved = new(
            () => DefaultAWSCredentialsIdentityResolver.GetCredentials(),
            LazyThreadSafetyMode.PublicationOnly);

        public override ImmutableCredentials GetCredentials() => _resolved.Value.GetCredentials();

        public override Task<ImmutableCredentials> GetCredentialsAsync() => _resolved.Value.GetCredentialsAsync();
    }
}
