using Lector.Abstractions;

namespace Lector.Hosting;

public static class SettingsBinding
{
    /// <summary>
    /// Binds <paramref name="section"/>; a value of the wrong type (a word for a number, an unknown name) becomes a
    /// <see cref="SettingException"/> carrying the binder's message, which names the key and the value and nothing more.
    /// </summary>
    public static T? Bind<T>(IConfigurationSection section)
    {
        try
        {
            return section.Get<T>();
        }
        catch (InvalidOperationException e)
        {
            throw new SettingException(e.Message);
        }
    }
}
