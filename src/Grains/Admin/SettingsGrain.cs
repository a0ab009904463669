using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Grains.Lifecycle;
using Lector.Grains.Observers;
using Lector.Grains.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Admin;

public sealed class SettingsState
{
    /// <summary>Null until an operator saves settings; the configured defaults apply until then.</summary>
    public AdminSettings? Settings { get; set; }
}

public sealed partial class SettingsGrain(
    [PersistentState("settings")] IPersistentState<SettingsState> state,
    IOptions<LectorOptions> options,
    IOptions<AudioLifecycleOptions> lifecycle,
    TimeProvider time,
    ILogger<SettingsGrain> logger) : Grain, ISettingsGrain, IGrainMigrationParticipant
{
    /// <summary>Silos renew well within four periods (<see cref="SiloSettings.RenewEvery"/>); one silent for longer is gone.</summary>
    private readonly Subscribers<ISettingsObserver> _subscribers = new(SiloSettings.RenewEvery * 4, TimeSpan.FromSeconds(5), time);

    /// <summary>When its silo stops, the grain moves with its subscribers, so a change right after still reaches every silo at once.</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        this.MoveIfSiloStops(reason, worthMoving: _subscribers.Count > 0);

    public void OnDehydrate(IDehydrationContext migrationContext) => _subscribers.OnDehydrate(migrationContext);

    public void OnRehydrate(IRehydrationContext migrationContext) => _subscribers.OnRehydrate(migrationContext);

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
        await PushAsync(settings);
        return settings;
    }

    public Task<AdminSettings> Subscribe(ISettingsObserver observer)
    {
        _subscribers.Renew(observer);
        return Task.FromResult(Current);
    }

    /// <summary>Every subscriber hears of the change before the update returns; one that does not answer is dropped (it renews later, reading the settings then).</summary>
    private Task PushAsync(AdminSettings settings) =>
        _subscribers.PushAsync(observer => observer.SettingsChanged(settings), e => LogPushFailed(logger, e));

    /// <summary>Until an admin saves settings, the configured values apply.</summary>
    private AdminSettings Current => state.State.Settings ?? new AdminSettings(
        lifecycle.Value.RetentionDays, lifecycle.Value.ExpiryWarningDays, options.Value.MaxAudiosPerPage, lifecycle.Value.AutoDeleteExpired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A silo did not take a settings change; it reads the settings when it renews")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);
}
