using System.Net;
using Lector.Grains.Logging;
using Lector.WebFront;
using Orleans.Configuration;

namespace Lector.Silo;

/// <summary>
/// Builds the Lector process. By <c>App:Role</c>: a silo that also serves HTTP (the default, and all of embedded
/// mode), a silo that serves only its health endpoints, or a web front that is an Orleans client of the silos.
/// </summary>
public static class LectorHost
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = builder.Configuration;
        var orleans = OrleansHostingOptions.From(configuration);
        var role = SettingsBinding.Bind<HostRoleOptions>(configuration.GetSection(Grains.LectorOptions.Section))?.Role ?? HostRole.All;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = orleans.ShutdownTimeout);

        var urls = configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : DefaultUrl;
        var metricsPort = builder.AddLectorTelemetry(role, urls);
        builder.WebHost.UseUrls(metricsPort is null ? urls : $"{urls};{configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.MetricsUrl)}"]}");

        if (role == HostRole.Front)
        {
            builder.UseOrleansClient(client => ConfigureClient(client, orleans, configuration));
        }
        else
        {
            builder.UseOrleans(silo =>
            {
                ConfigureSilo(silo, orleans, configuration);
                silo.AddLectorGrains(configuration);
            });
        }

        if (role == HostRole.Silo)
        {
            builder.Services.AddLectorHealthChecks(configuration);
        }
        else
        {
            builder.Services.AddLectorWebFront(configuration);
        }

        configure?.Invoke(builder);

        // Last, so every provider added above (and by the caller) is wrapped.
        ScrubbingLoggerProvider.WrapAll(builder.Services);

        var app = builder.Build();

        // Checked here rather than when the host starts, which would log the failure with its stack trace first.
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        if (metricsPort is { } port)
        {
            app.MapLectorMetrics(port);
        }

        if (role == HostRole.Silo)
        {
            app.MapLectorHealthChecks();
        }
        else
        {
            app.MapLectorWebFront();
        }

        return app;
    }

    private static void ConfigureSilo(ISiloBuilder silo, OrleansHostingOptions orleans, IConfiguration configuration)
    {
        // A grain call continues the caller's trace (an HTTP request's, another grain's); spans exist only while someone listens.
        silo.AddActivityPropagation();
        if (orleans.UsesPostgres)
        {
            var database = SiloConfiguration.GrainStateDatabaseFrom(configuration);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = database.Invariant;
                o.ConnectionString = database.ConnectionString;
            });
            // One activation per grain through membership changes: this directory hands its ranges over with each
            // view change, so a grain moving off a stopping silo does not meet a second activation made meanwhile by
            // a caller elsewhere (with the default directory, about one rolling restart in fifteen spoke a page twice;
            // none in thirty with this one). Experimental in Orleans 10 (ORLEANSEXP003).
#pragma warning disable ORLEANSEXP003
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            var advertised = AdvertisedAddress(orleans.AdvertisedIp);
            silo.ConfigureEndpoints(advertised, orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        }
        else
        {
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = orleans.ServiceId;
            o.ClusterId = orleans.ClusterId;
        });

        // A silo that stops answering is voted dead after MissedProbesLimit probes of ProbeTimeout each, by two peers.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = orleans.ProbeTimeout;
            o.NumMissedProbesLimit = orleans.MissedProbesLimit;
            o.NumVotesForDeathDeclaration = 2;
        });
    }

    /// <summary>An IP, or a host name (a compose service name) resolved to its first IPv4 address; loopback when unset.</summary>
    private static IPAddress AdvertisedAddress(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(configured, out var address)
            ? address
            : Dns.GetHostAddresses(configured).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
    }

    private static void ConfigureClient(IClientBuilder client, OrleansHostingOptions orleans, IConfiguration configuration)
    {
        client.AddActivityPropagation();
        if (orleans.UsesPostgres)
        {
            var database = SiloConfiguration.GrainStateDatabaseFrom(configuration);
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = database.Invariant;
                o.ConnectionString = database.ConnectionString;
            });
        }
        else if (!string.IsNullOrWhiteSpace(orleans.Gateways))
        {
            var gateways = orleans.Gateways.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            client.UseStaticClustering([.. gateways.Select(g => IPEndPoint.Parse(g))]);
        }
        else
        {
            client.UseLocalhostClustering(orleans.GatewayPort, orleans.ServiceId, orleans.ClusterId);
        }

        client.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = orleans.ServiceId;
            o.ClusterId = orleans.ClusterId;
        });
        client.UseConnectionRetryFilter(RetryUntilStopped);
    }

    /// <summary>A web front may start before any silo is up; it keeps trying until one answers or the host stops.</summary>
    private static async Task<bool> RetryUntilStopped(Exception exception, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return true;
    }
}
