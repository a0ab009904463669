using Lector.Abstractions.Diagnostics;
using Lector.Hosting.Logging;
using Microsoft.AspNetCore.Http.Features;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lector.Hosting;

/// <summary>
/// Traces, metrics and logs with OpenTelemetry, the same in every role. What is traced and measured is configured
/// always; providers (and with them the cost of recording) exist only when something exports: OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, the Prometheus scrape endpoint when <c>Telemetry:MetricsUrl</c> is.
/// </summary>
public static class LectorTelemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The standard variable (also read by the exporter itself, with its companions such as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>).</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceName = "lector";

    /// <summary>ASP.NET Core's request lines (at Information), and the reason it makes an activity for every request.</summary>
    private const string HostingLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Grain calls of Lector's grains (not the runtime's own) and grain state reads and writes.</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    /// <summary>Lector's, Orleans' (messaging, activations, storage), Npgsql's (pool, commands) and the runtime's (GC, threads).</summary>
    private static readonly string[] Meters = [LectorDiagnostics.Name, "Microsoft.Orleans", "Npgsql", "System.Runtime"];

    /// <summary>Configures telemetry; returns the management port serving <see cref="MetricsPath"/>, or null when there is none.</summary>
    public static int? AddLectorTelemetry(this WebApplicationBuilder builder, HostRole role, string webFrontUrls)
    {
        var options = SettingsBinding.Bind<TelemetryOptions>(builder.Configuration.GetSection(TelemetryOptions.Section)) ?? new TelemetryOptions();
        var metricsPort = options.MetricsPort(webFrontUrls);
        var services = builder.Services;

        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddAspNetCoreInstrumentation(o =>
            {
                o.Filter = http => !IsOperational(http, metricsPort);
                // A path may carry a secret (a public link's, a podcast feed's): spans keep it scrubbed, as the logs do.
                o.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.path", LogScrubber.Scrub(request.Path.Value ?? ""));
            })
            .AddHttpClientInstrumentation()
            .AddSource(LectorDiagnostics.Name, "Npgsql")
            .AddSource(OrleansSources));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddMeter(Meters));

        var exportsOtlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        if (!exportsOtlp && !ConsoleShowsScopes(builder.Configuration) && !LogsRequestLines(builder.Configuration))
        {
            // ASP.NET Core starts an activity and a log scope for every request while its hosting category is on at any
            // level, so that log lines can name the request. Nothing reads them here: traces are not exported, console
            // lines show no scopes, and the category is set above Information, where it writes nothing for a request.
            builder.Logging.AddFilter(HostingLogCategory, LogLevel.None);
        }

        if (metricsPort is null && !exportsOtlp)
        {
            return null;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource
            .AddService(ServiceName, serviceInstanceId: Environment.MachineName)
            .AddAttributes([new("lector.role", role.ToString().ToLowerInvariant())]));
        telemetry.WithMetrics(metrics =>
        {
            if (metricsPort is not null)
            {
                metrics.AddPrometheusExporter();
            }
        });
        if (exportsOtlp)
        {
            // Log records carry the trace and span of the work they were written in; they pass the scrubber like any other sink.
            telemetry.WithTracing().WithLogging(configureBuilder: null, configureOptions: o =>
            {
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            }).UseOtlpExporter();
        }

        return metricsPort;
    }

    /// <summary>The hosting category and the ones above it, nearest first: the first with a configured level sets it.</summary>
    private static readonly string[] HostingLogLevelKeys =
    [
        .. new[] { HostingLogCategory, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore", "Microsoft", "Default" }.Select(c => $"Logging:LogLevel:{c}"),
    ];

    /// <summary>Whether the configured level of the hosting category lets its request lines through (Information is the default).</summary>
    private static bool LogsRequestLines(IConfiguration configuration)
    {
        var configured = HostingLogLevelKeys.Select(key => configuration[key]).FirstOrDefault(level => level is not null);
        return configured is null || (Enum.TryParse<LogLevel>(configured, ignoreCase: true, out var level) && level <= LogLevel.Information);
    }

    private static bool ConsoleShowsScopes(IConfiguration configuration) =>
        bool.TryParse(configuration["Logging:Console:FormatterOptions:IncludeScopes"], out var includeScopes) && includeScopes;

    /// <summary>
    /// Everything arriving on the management port goes to a branch of its own: <see cref="MetricsPath"/> answers, all
    /// else is 404, and none of the web front's routes is reachable there. Goes first in the pipeline.
    /// </summary>
    public static void MapLectorMetrics(this WebApplication app, int port) =>
        app.MapWhen(http => http.Connection.LocalPort == port, management =>
        {
            management.Use((http, next) =>
            {
                // Scrapes are not the service's traffic: they stay out of its request metrics.
                if (http.Features.Get<IHttpMetricsTagsFeature>() is { } tags)
                {
                    tags.MetricsDisabled = true;
                }

                return next(http);
            });
            management.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath);
            management.Run(http =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });

    /// <summary>Scrapes and health probes, which would bury the requests worth tracing.</summary>
    private static bool IsOperational(HttpContext http, int? metricsPort) =>
        http.Connection.LocalPort == metricsPort || http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal);
}
