using Lector.Grains.Speech;
using Lector.Hosting;
using Lector.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lector.Testing;

/// <summary>
/// The real Lector host (silo and web front) on a free Kestrel port with its own data directory,
/// its speech engine wrapped so tests can count calls.
/// </summary>
public sealed class LectorApp : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private LectorApp(WebApplication app, CountingSpeechEngine engine, TempDirectory data)
    {
        App = app;
        Engine = engine;
        _data = data;
        // The web front's address, not the management listener's when the host has one.
        var metricsUrl = app.Configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.MetricsUrl)}"];
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.First(a => metricsUrl is null || new Uri(a).Port != new Uri(metricsUrl).Port));
    }

    public WebApplication App { get; }

    public CountingSpeechEngine Engine { get; }

    public Uri BaseAddress { get; }

    public string DataDirectory => _data.Path;

    public static Task<LectorApp> StartAsync(params string[] extraArgs) => StartAsync(configure: null, extraArgs);

    /// <summary>Starts the host; <paramref name="configure"/> may replace services (it runs before the build).</summary>
    public static async Task<LectorApp> StartAsync(Action<WebApplicationBuilder>? configure, params string[] extraArgs)
    {
        var data = new TempDirectory();
        var engine = new CountingSpeechEngine(new EspeakEngine(Options.Create(new EspeakOptions())));
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--App:DataDirectory={data.Path}",
            $"--Orleans:SiloPort={FreePort.Next()}",
            $"--Orleans:GatewayPort={FreePort.Next()}",
            "--Logging:LogLevel:Default=Warning",
            "--RateLimits:Logins:Limit=100000",
            "--RateLimits:Registrations:Limit=100000",
            "--RateLimits:Audio:Limit=100000",
            .. extraArgs,
        ];
        var app = LectorHost.Build(args, builder =>
        {
            // Only the local engine is swapped for the counting one: an engine the arguments configure (Polly) stays.
            foreach (var local in builder.Services.Where(d => d.ServiceType == typeof(ISpeechEngine) && d.ImplementationType == typeof(EspeakEngine)).ToList())
            {
                builder.Services.Remove(local);
            }

            builder.Services.AddSingleton<ISpeechEngine>(engine);
            configure?.Invoke(builder);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A host that fails to start (options refused at start) leaves nothing behind either.
            await app.DisposeAsync();
            data.Dispose();
            throw;
        }

        return new LectorApp(app, engine, data);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
