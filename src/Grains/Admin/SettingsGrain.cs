using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Grains.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Admin;

public sealed class SettingsState
{
    /// <summary>Null until an operator saves settings; the configured defaults apply until then.</summary>
    public AdminSettings? Settings { get; set; }
}

public sealed class SettingsGrain(
    [PersistentState("settings")] IPersistentState<SettingsState> state,
    IOptions<LectorOptions> options,
    IOptions<AudioLifecycleOptions> lifecycle) : Grain, ISettingsGrain
{
    public Task<AdminSettings> Get() => Task.FromResult(Current);

    public async Task<AdminSettings> Update(AdminSettings settings)
    {
        if (settings.Validate() is { Count: > 0 } errors)
        {
            var first = errors.First();
            throw LectorException.Invalid(first.Key, "validation");
        }

        state.State.Settings = settings;
        await state.WriteStateAsync();
        return settings;
    }

    /// <summary>Until an admin saves settings, the configured values apply.</summary>
    private AdminSettings Current => state.State.Settings ?? new AdminSettings(
        lifecycle.Value.RetentionDays, lifecycle.Value.ExpiryWarningDays, options.Value.MaxAudiosPerPage, lifecycle.Value.AutoDeleteExpired);
}
