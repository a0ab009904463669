using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Lector.Grains.Storage;

/// <summary>Decorates the host's default grain storage (the ADO.NET one <c>AddAdoNetGrainStorageAsDefault</c> registers).</summary>
public static class DefaultGrainStorage
{
    /// <summary>
    /// Replaces the default storage's keyed registration by one around the original factory, so whatever resolves it,
    /// Orleans' lifecycle included, gets the decorator. Call after the registration; decorations stack.
    /// </summary>
    public static void Decorate(IServiceCollection services, Func<IServiceProvider, IGrainStorage, IGrainStorage> decorate)
    {
        const string name = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;
        var original = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        var factory = original.KeyedImplementationFactory ?? throw new InvalidOperationException("The default grain storage is not registered by a factory.");
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) => decorate(provider, (IGrainStorage)factory(provider, key)));
    }
}
