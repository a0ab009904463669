using Orleans.Concurrency;

namespace Lector.Abstractions.Admin;

/// <summary>The cluster's one copy of the operator settings (key 0); grains read it when they need a value, so changes apply without a restart.</summary>
[Alias("Lector.ISettingsGrain")]
public interface ISettingsGrain : IGrainWithIntegerKey
{
    [Alias("Get"), ReadOnly]
    Task<AdminSettings> Get();

    /// <summary>Replaces the settings; throws a validation <see cref="LectorException"/> for values out of range.</summary>
    [Alias("Update")]
    Task<AdminSettings> Update(AdminSettings settings);
}
