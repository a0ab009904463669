namespace Lector.Grains.Lifecycle;

/// <summary>How long audio lives: <see cref="RetentionDays"/> after its last play (or creation), warned <see cref="ExpiryWarningDays"/> before.</summary>
public sealed record AudioLifecycleSettings(int RetentionDays, int ExpiryWarningDays, bool AutoDeleteExpired)
{
    public DateTimeOffset ExpiresAt(DateTimeOffset clockStart) => clockStart.AddDays(RetentionDays);

    public DateTimeOffset WarnAt(DateTimeOffset clockStart) => ExpiresAt(clockStart).AddDays(-Math.Min(ExpiryWarningDays, RetentionDays));
}

/// <summary>Where the retention settings come from; read at each use, so a change applies on the next sweep.</summary>
public interface IAudioLifecycleSettings
{
    ValueTask<AudioLifecycleSettings> GetAsync();
}

/// <summary>The <c>App:Audio</c> section: retention defaults until an admin saves settings, and the sweep interval.</summary>
public sealed class AudioLifecycleOptions
{
    public const string Section = "App:Audio";

    public int RetentionDays { get; set; } = 180;

    public int ExpiryWarningDays { get; set; } = 30;

    /// <summary>On: expired audio is deleted (soft, freeing its slot). Off: it is only marked expired.</summary>
    public bool AutoDeleteExpired { get; set; } = true;

    /// <summary>How often the retention index is swept.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
