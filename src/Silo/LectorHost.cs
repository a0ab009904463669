using System.Net;
using Lector.Abstractions;
using Lector.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Lector.Silo;

/// <summary>
/// Builds the silo program: by <c>App:Role</c>, a silo that also serves HTTP (the default, and all of embedded mode)
/// or a silo that serves only its health endpoints. The web front alone is another program, <c>Lector.Front</c>,
/// which loads none of the grains.
/// </summary>
public static class LectorHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        LectorProcess.Build(args, HostRole.All, AddSilo, configure);

    private static void AddSilo(WebApplicationBuilder builder, HostRole role, OrleansHostingOptions orleans)
    {
        if (role == HostRole.Front)
        {
            throw new SettingException($"{HostRoleOptions.Section}:Role 'front' is run by the program Lector.Front (dotnet Lector.Front.dll), which loads no grains; Lector.Silo runs 'all' or 'silo'.");
        }

        builder.UseOrleans(silo =>
        {
            ConfigureSilo(silo, orleans, builder.Configuration);
            silo.AddLectorGrains(builder.Configuration);
        });
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

            // After a silo is declared dead this directory refuses new activations of its grains for a lease: its
            // range lease less the time a death takes to detect, 30 s less 24 s with Lector's probes, so 6 s on top
            // of detection (measured: 10.9 s from a SIGKILL until the survivor ran at full pace, against 4.7 s with
            // the default directory). The lease is for a silo wrongly declared dead to hear it and stop; one probe
            // period is enough for a silo that still answers, and a graceful stop hands its ranges over with none.
            silo.Services.AddOptions<GrainDirectoryOptions>().Configure<IOptions<ClusterMembershipOptions>>((directory, membership) =>
                directory.RangeLeaseDuration = (membership.Value.MaxProbeTimeout * membership.Value.NumMissedProbesLimit) + membership.Value.ProbeTimeout);
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
}
