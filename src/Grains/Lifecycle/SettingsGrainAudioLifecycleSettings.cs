using Lector.Grains.Admin;

namespace Lector.Grains.Lifecycle;

/// <summary>Retention settings as the admin last saved them (or the configured defaults), from this silo's pushed copy.</summary>
public sealed class SettingsGrainAudioLifecycleSettings(SiloSettings settings) : IAudioLifecycleSettings
{
    public async ValueTask<AudioLifecycleSettings> GetAsync()
    {
        var current = await settings.GetAsync();
        return new AudioLifecycleSettings(current.RetentionDays, current.ExpiryWarningDays, current.AutoDeleteExpired);
    }
}
