using Lector.Grains.Logging;
using Lector.WebFront;
using Orleans.Configuration;

namespace Lector.Silo;

/// <summary>Builds the Lector process: in embedded mode (the default) one silo that also serves HTTP.</summary>
public static class LectorHost
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var orleans = builder.Configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new OrleansHostingOptions();
        if (!orleans.Clustering.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Orleans:Clustering '{orleans.Clustering}' is not supported yet; use 'localhost'.");
        }

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = orleans.ServiceId;
                o.ClusterId = orleans.ClusterId;
            });
            silo.AddLectorGrains(builder.Configuration);
        });
        builder.Services.AddLectorWebFront(builder.Configuration);
        configure?.Invoke(builder);

        // Last, so every provider added above (and by the caller) is wrapped.
        ScrubbingLoggerProvider.WrapAll(builder.Services);

        var app = builder.Build();
        app.MapLectorWebFront();
        return app;
    }
}
