namespace Lector.Abstractions.Admin;

/// <summary>A silo's copy of the operator settings, told of each change.</summary>
[Alias("Lector.ISettingsObserver")]
public interface ISettingsObserver : IGrainObserver
{
    [Alias("SettingsChanged")]
    Task SettingsChanged(AdminSettings settings);
}
