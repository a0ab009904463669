using Lector.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.WebFront.Tests;

/// <summary>
/// A host for answers the shared one cannot give: a configured public address, one upload per user per window, and
/// a route that fails with an unexpected exception inside Lector's pipeline (behind its error handling).
/// </summary>
public sealed class ConfiguredAppFixture : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://lector.example.org/base";

    public const string FailingPath = "/test/unexpected-failure";

    public LectorApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await LectorApp.StartAsync(
        builder => builder.Services.AddTransient<IStartupFilter, FailingRoute>(),
        $"--WebFront:PublicBaseUrl={PublicBaseUrl}",
        "--RateLimits:Uploads:Limit=1",
        "--RateLimits:Uploads:WindowSeconds=600");

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Runs after every route of the app, so only <see cref="FailingPath"/> reaches it.</summary>
    private sealed class FailingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((http, following) => http.Request.Path == FailingPath
                ? throw new InvalidOperationException("A failure injected by the test host.")
                : following(http));
        };
    }
}
