using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lector.Grains.Speech.Normalization;

public static class SpeechNormalizationRegistration
{
    /// <summary>The speech normalizer: stateless, so one instance serves every grain on the silo.</summary>
    public static IServiceCollection AddSpeechNormalization(this IServiceCollection services)
    {
        services.TryAddSingleton<ISpeechNormalizer, SpeechNormalizer>();
        return services;
    }
}
