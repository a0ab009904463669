using System.Net;
using Lector.Abstractions;
using Lector.Blobs;
using Lector.Hosting.Logging;
using Lector.WebFront;
using Orleans.Configuration;

namespace Lector.Hosting;

/// <summary>
/// What every Lector program (the silo, <c>Lector.Silo</c>, and the web front alone, <c>Lector.Front</c>) builds the
/// same way: settings, telemetry, the blob store, the web front or only its health checks, scrubbed logs. The program
/// adds its side of Orleans: a silo, or a client of the silos.
/// </summary>
public static class LectorProcess
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>
    /// Builds the process for the role <c>App:Role</c> names (<paramref name="defaultRole"/> when unset);
    /// <paramref name="addOrleans"/> refuses a role its program does not run with a <see cref="SettingException"/>.
    /// </summary>
    public static WebApplication Build(
        string[] args,
        HostRole defaultRole,
        Action<WebApplicationBuilder, HostRole, OrleansHostingOptions> addOrleans,
        Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json sits next to the program: read it from there whatever directory the process starts in
        // (./scripts/run starts it from the repository's root).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var configuration = builder.Configuration;
        var orleans = OrleansHostingOptions.From(configuration);
        var role = SettingsBinding.Bind<HostRoleOptions>(configuration.GetSection(HostRoleOptions.Section))?.Role ?? defaultRole;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = orleans.ShutdownTimeout);

        var urls = configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : DefaultUrl;
        var metricsPort = builder.AddLectorTelemetry(role, urls);
        builder.WebHost.UseUrls(metricsPort is null ? urls : $"{urls};{configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.MetricsUrl)}"]}");

        addOrleans(builder, role, orleans);

        // Silos and web fronts both read blobs (and the readiness check looks at the store).
        builder.Services.AddLectorBlobStore(configuration);
        if (role == HostRole.Silo)
        {
            builder.Services.AddLectorHealthChecks();
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

    /// <summary>
    /// Runs the process <paramref name="build"/> makes. A wrong or missing setting ends the start with one line that
    /// names it (and an exit code of its own, 2), not a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(Func<WebApplication> build)
    {
        try
        {
            await build().RunAsync();
            return 0;
        }
        catch (Exception e) when (SettingException.Find(e) is { } problem)
        {
            await Console.Error.WriteLineAsync($"lector: setting: {problem}");
            return 2;
        }
    }

    /// <summary>Makes the process a client of the silos (the web front alone), found as <paramref name="orleans"/> says.</summary>
    public static void UseLectorOrleansClient(this WebApplicationBuilder builder, OrleansHostingOptions orleans) =>
        builder.UseOrleansClient(client => ConfigureClient(client, orleans, builder.Configuration));

    private static void ConfigureClient(IClientBuilder client, OrleansHostingOptions orleans, IConfiguration configuration)
    {
        client.AddActivityPropagation();
        if (orleans.UsesPostgres)
        {
            var connectionString = OrleansHostingOptions.PostgresConnectionString(configuration);
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = OrleansHostingOptions.PostgresInvariant;
                o.ConnectionString = connectionString;
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
