using Lector.Testing;
using Microsoft.Playwright;

namespace Lector.EndToEnd;

/// <summary>
/// The real Lector host (embedded silo, SQLite, espeak-ng, Festival, and Polly voices served by the Polly fake, which
/// gives speech marks) on free ports in a temporary data directory, and Debian's Chromium driven by Playwright.
/// One of each for the whole test run.
/// </summary>
public sealed class LectorAppFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The one account the app treats as an admin; only the admin test signs up with it.</summary>
    public const string AdminEmail = "admin@e2e.example.com";

    private LectorApp? _app;
    private PollyFake? _polly;
    private IPlaywright? _playwright;

    public Uri BaseAddress => _app!.BaseAddress;

    /// <summary>The Polly fake the host's Polly voices speak through; tests may make it fail.</summary>
    public PollyFake Polly => _polly!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go; CI can point LECTOR_TEST_ARTIFACTS at a directory it keeps.</summary>
    public string ArtifactsDirectory { get; } =
        Environment.GetEnvironmentVariable("LECTOR_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ArtifactsDirectory);
        _polly = await PollyFake.StartAsync();
        _app = await LectorApp.StartAsync(
            builder => PollyFake.UseFakeCredentials(builder.Services),
            [$"--Auth:AdminEmails={AdminEmail}", .. _polly.HostArguments, "--Speech:Engines=local,festival,polly"]);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_polly is not null)
        {
            await _polly.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LectorAppCollection : ICollectionFixture<LectorAppFixture>
{
    public const string Name = "Lector app";
}
