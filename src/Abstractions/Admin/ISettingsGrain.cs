using Orleans.Concurrency;

namespace Lector.Abstractions.Admin;

/// <summary>
/// The cluster's one copy of the operator settings (key 0). Silos keep a copy each, subscribed here: a change is
/// pushed to every subscriber before <see cref="Update"/> returns, so it applies at once without a call per use.
/// </summary>
[Alias("Lector.ISettingsGrain")]
public interface ISettingsGrain : IGrainWithIntegerKey
{
    [Alias("Get"), ReadOnly]
    Task<AdminSettings> Get();

    /// <summary>Replaces the settings and tells every subscriber; throws a validation <see cref="LectorException"/> for values out of range.</summary>
    [Alias("Update")]
    Task<AdminSettings> Update(AdminSettings settings);

    /// <summary>
    /// Subscribes (or renews) <paramref name="observer"/> to changes and returns the current settings. Subscriptions
    /// live in this grain's memory and lapse unless renewed, so subscribers renew them now and then.
    /// </summary>
    [Alias("Subscribe")]
    Task<AdminSettings> Subscribe(ISettingsObserver observer);
}
