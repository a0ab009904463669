using Lector.Abstractions.Admin;

namespace Lector.Grains.Lifecycle;

/// <summary>Retention settings as the admin last saved them (or the configured defaults), the same on every silo.</summary>
public sealed class SettingsGrainAudioLifecycleSettings(IGrainFactory grains) : IAudioLifecycleSettings
{
    public async ValueTask<AudioLifecycleSettings> GetAsync()
    {
        var settings = await grains.GetGrain<ISettingsGrain>(0).Get();
        return new AudioLifecycleSettings(settings.RetentionDays, settings.ExpiryWarningDays, settings.AutoDeleteExpired);
    }
}
