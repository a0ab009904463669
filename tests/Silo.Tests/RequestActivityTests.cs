using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lector.Testing;

namespace Lector.Silo.Tests;

/// <summary>
/// A request gets an activity (and its trace id) only when something reads it: exported traces, console lines with
/// scopes, or the hosting log's request lines. Otherwise its cost is left out. The activity shows in the
/// <c>traceId</c> of a problem answer: a W3C trace parent when there is one, Kestrel's request id when not.
/// </summary>
public sealed partial class RequestActivityTests
{
    [Fact]
    public async Task Without_a_reader_a_request_gets_no_activity() =>
        Assert.DoesNotMatch(TraceParent(), await TraceIdOfAProblemAsync());

    [Theory]
    [InlineData("--Logging:Console:FormatterOptions:IncludeScopes=true")]
    [InlineData("--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information")]
    [InlineData("--Logging:LogLevel:Microsoft.AspNetCore=Debug")]
    public async Task With_a_reader_a_request_gets_an_activity(string setting) =>
        Assert.Matches(TraceParent(), await TraceIdOfAProblemAsync(setting));

    [Fact]
    public async Task A_host_started_from_another_directory_reads_the_settings_beside_its_program()
    {
        using var data = new TempDirectory();
        using var elsewhere = new TempDirectory();
        await using var host = new HostProcess(data.Path, workingDirectory: elsewhere.Path);
        await host.StartAsync();
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await client.GetAsync("/no/such/route");

        // appsettings.json sets Microsoft.AspNetCore and Orleans to Warning: no request lines, no activity, no
        // Orleans start-up chatter. Read from the working directory instead, none of it applied.
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotMatch(TraceParent(), problem.GetProperty("traceId").GetString()!);
        Assert.DoesNotContain("Request starting", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("info: Orleans.Runtime.Silo", host.Output, StringComparison.Ordinal);
    }

    private static async Task<string> TraceIdOfAProblemAsync(params string[] settings)
    {
        await using var app = await LectorApp.StartAsync(settings);
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/no/such/route");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("traceId").GetString()!;
    }

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")]
    private static partial Regex TraceParent();
}
