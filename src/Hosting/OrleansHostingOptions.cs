using Lector.Abstractions;

namespace Lector.Hosting;

/// <summary>Bound from <c>Orleans</c>: cluster identity, membership, ports, failure detection and shutdown.</summary>
public sealed class OrleansHostingOptions
{
    public const string Section = "Orleans";

    /// <summary>The ADO.NET provider name of PostgreSQL, as Orleans' ADO.NET providers take it.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// <c>localhost</c> (embedded: one silo, SQLite, in-memory reminders) or <c>postgres</c> (a cluster: membership,
    /// grain state and reminders in the database named by <c>ConnectionStrings:Postgres</c>). Not named
    /// <c>Clustering</c>: Orleans itself reads <c>Orleans:Clustering</c> as a provider section and fails on a plain value.
    /// </summary>
    public string Membership { get; set; } = "localhost";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ServiceId { get; set; } = "lector";

    public string ClusterId { get; set; } = "lector";

    /// <summary>The address (IP or resolvable host name) other silos and clients reach this silo at (postgres clustering); default: loopback.</summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>Web-front-only processes in localhost mode: the silo gateways as <c>host:port</c>, comma-separated.</summary>
    public string? Gateways { get; set; }

    /// <summary>How long a silo waits for a probe answer before counting it missed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes in a row before a silo votes another dead; with two votes it is declared dead.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>How long SIGTERM may take: in-flight synthesis finishes or is handed back within it.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesPostgres => Membership.Equals("postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The cluster's database (<c>ConnectionStrings:Postgres</c>), which <c>postgres</c> membership needs.</summary>
    public static string PostgresConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Postgres");
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new SettingException($"{Section}:{nameof(Membership)} 'postgres' needs ConnectionStrings:Postgres (a PostgreSQL connection string).")
            : connectionString;
    }

    public static OrleansHostingOptions From(IConfiguration configuration)
    {
        // The name the contract first gave this setting; Orleans reads that key as a provider section of its own.
        if (configuration.GetSection($"{Section}:Clustering").Exists())
        {
            throw new SettingException($"{Section}:Clustering is not a Lector setting; use {Section}:Membership ('localhost' or 'postgres').");
        }

        var options = SettingsBinding.Bind<OrleansHostingOptions>(configuration.GetSection(Section)) ?? new OrleansHostingOptions();
        if (!options.UsesPostgres && !options.Membership.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw new SettingException($"Orleans:Membership '{options.Membership}' is not supported; use 'localhost' or 'postgres'.");
        }

        if (options.SiloPort is < 1 or > 65535 || options.GatewayPort is < 1 or > 65535)
        {
            throw new SettingException($"{Section}:SiloPort and {Section}:GatewayPort must be ports from 1 to 65535.");
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero || options.ProbeTimeout <= TimeSpan.Zero || options.MissedProbesLimit < 1)
        {
            throw new SettingException($"{Section}:ShutdownTimeout and {Section}:ProbeTimeout must be positive durations (e.g. 00:00:30) and {Section}:MissedProbesLimit at least 1.");
        }

        return options;
    }
}
