using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Admin;

public sealed class SettingsState
{
    /// <summary>Null until an operator saves settings; the configured defaults apply until then.</summary>
    public AdminSettings? Settings { get; set; }
}

public sealed class SettingsGrain(
    [PersistentState("settings")] IPersistentState<SettingsState> state,
    IOptions<LectorOptions> options) : Grain, ISettingsGrain
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

    private AdminSettings Current =>
        state.State.Settings ?? AdminSettings.Defaults with { MaxAudiosPerPage = options.Value.MaxAudiosPerPage };
}
