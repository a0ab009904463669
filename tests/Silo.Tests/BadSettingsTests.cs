using System.Runtime.Versioning;
using Lector.Testing;

namespace Lector.Silo.Tests;

/// <summary>
/// The host started as an operator would, with one setting wrong or missing: it exits at once with code 2 and one line
/// that names the key and what it accepts, instead of an Orleans stack trace or a later failure.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class BadSettingsTests
{
    public static TheoryData<string, string, string> Settings => new()
    {
        // The contract's first name for the membership setting, which Orleans reads as a section of its own.
        { "Orleans__Clustering", "postgres", "Orleans:Clustering is not a Lector setting; use Orleans:Membership" },
        { "Orleans__Membership", "zookeeper", "Orleans:Membership 'zookeeper' is not supported; use 'localhost' or 'postgres'" },
        { "Orleans__Membership", "postgres", "needs ConnectionStrings:Postgres" },
        { "Orleans__SiloPort", "eleven", "Orleans:SiloPort" },
        { "App__Role", "everything", "App:Role" },
        { "Blobs__Provider", "floppy", "Blobs:Provider 'floppy' is not supported; use 'filesystem' or 's3'" },
        { "Blobs__Provider", "s3", "Blobs:S3:Bucket is required" },
        { "Speech__Engines", "local,flite", "Speech:Engines names 'flite'" },
        { "Speech__Local__WordsPerMinute", "5000", "Speech:Local:WordsPerMinute must be from 80 to 450" },
        { "Speech__Festival__BitrateKbps", "50", "Speech:Festival:BitrateKbps must be an MP3 bitrate" },
        { "WebFront__PublicBaseUrl", "ftp://lector.example", "WebFront:PublicBaseUrl" },
        { "Exports__SampleRate", "12345", "Exports:SampleRate must be one of" },
        { "Exports__StallTimeout", "00:00:00", "Exports:StallTimeout must be positive" },
        { "Speech__MaxRetryDelay", "00:00:00.5", "Speech:MaxRetryDelay from Speech:FirstRetryDelay" },
        { "Podcasts__RefreshInterval", "-00:00:01", "Podcasts:RefreshInterval must be from" },
        { "Import__Timeout", "00:01:00", "Import:Timeout" },
        { "Telemetry__MetricsUrl", "http://0.0.0.0/metrics", "Telemetry:MetricsUrl must be an http URL with an explicit port" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public Task A_wrong_or_missing_setting_ends_the_start_with_one_line_naming_it(string key, string value, string expected) =>
        AssertRefusedAsync(new Dictionary<string, string> { [key] = value }, program: null, expected);

    /// <summary>Each program runs its own roles only, and names the program that runs the other.</summary>
    [Theory]
    [InlineData("silo", "front", "is run by the program Lector.Front")]
    [InlineData("front", "silo", "is run by the program Lector.Silo")]
    [InlineData("front", "all", "is run by the program Lector.Silo")]
    public Task A_program_asked_for_a_role_it_does_not_run_names_the_program_that_does(string program, string role, string expected) =>
        AssertRefusedAsync(
            new Dictionary<string, string> { ["App__Role"] = role },
            program == "front" ? RepositoryPaths.FrontAssembly : RepositoryPaths.SiloAssembly,
            expected);

    private static async Task AssertRefusedAsync(IReadOnlyDictionary<string, string> settings, string? program, string expected)
    {
        using var data = new TempDirectory();
        await using var host = new HostProcess(data.Path, settings, program);

        var exitCode = await host.RunUntilExitAsync(TimeSpan.FromSeconds(60));

        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exitCode == 2, $"exit code {exitCode}; output:\n{host.Output}");
        var line = Assert.Single(lines, l => l.StartsWith("lector: setting: ", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
