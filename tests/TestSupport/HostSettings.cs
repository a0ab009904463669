namespace Lector.Testing;

/// <summary>Configuration keys (<c>Section:Key</c>) written the two ways a host takes them.</summary>
public static class HostSettings
{
    /// <summary>Command-line arguments, for a host in this process.</summary>
    public static string[] AsArguments(IEnumerable<KeyValuePair<string, string>> settings) =>
        [.. settings.Select(s => $"--{s.Key}={s.Value}")];

    /// <summary>Environment variables (<c>Section__Key</c>), for a host process.</summary>
    public static Dictionary<string, string> AsEnvironment(IEnumerable<KeyValuePair<string, string>> settings) =>
        settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
}
