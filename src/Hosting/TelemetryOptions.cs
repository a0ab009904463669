using Lector.Abstractions;

namespace Lector.Hosting;

/// <summary>Bound from <c>Telemetry</c>: where the Prometheus scrape endpoint listens, if anywhere.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// The management listener, e.g. <c>http://0.0.0.0:9464</c>: its own port, which serves <c>GET /metrics</c>
    /// (Prometheus text) and nothing else, while the web front's port never serves metrics. Unset, there is no scrape
    /// endpoint at all, so nothing is reachable that an operator did not open on purpose.
    /// </summary>
    public string? MetricsUrl { get; set; }

    /// <summary>The port of <see cref="MetricsUrl"/>, or null when unset; a value that cannot serve stops the start.</summary>
    public int? MetricsPort(string webFrontUrls)
    {
        if (string.IsNullOrWhiteSpace(MetricsUrl))
        {
            return null;
        }

        if (!Uri.TryCreate(Parsable(MetricsUrl), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || url.IsDefaultPort
            || url.Port is < 1 or > 65535 || url.AbsolutePath != "/" || url.Query.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new SettingException($"{Section}:{nameof(MetricsUrl)} must be an http URL with an explicit port and no path, e.g. http://0.0.0.0:9464.");
        }

        if (WebFrontPorts(webFrontUrls).Contains(url.Port))
        {
            throw new SettingException($"{Section}:{nameof(MetricsUrl)} needs a port of its own; {url.Port} is the web front's (ASPNETCORE_URLS).");
        }

        return url.Port;
    }

    private static IEnumerable<int> WebFrontPorts(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(Parsable(u), UriKind.Absolute, out var url) ? url.Port : -1);

    /// <summary>Kestrel accepts <c>*</c> and <c>+</c> for "every address"; <see cref="Uri"/> does not.</summary>
    private static string Parsable(string url) =>
        url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
}
