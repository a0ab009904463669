using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lector.Testing;
using Xunit.Abstractions;

namespace Lector.Silo.Tests;

/// <summary>
/// A rolling restart as a deploy does it: three silo processes on a real PostgreSQL, each stopped with SIGTERM and
/// started again in turn while a fifty-page job runs. The stopping silos hand their activations to the others, and
/// the job ends with every page completed and spoken exactly once.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(ClusterCollection.Name)]
public sealed partial class RollingRestartTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const string Voice = "local:en-us";
    private const int Pages = 50;
    private const int Silos = 3;

    /// <summary>Pages the engine may speak before each stop: the job is always mid-way when a silo stops.</summary>
    private const int SpokenPerStep = 8;

    [Fact]
    public async Task Restarting_every_silo_in_turn_during_a_fifty_page_job_does_every_page_once()
    {
        using var data = new TempDirectory();
        var spokenLog = Path.Combine(data.Path, "spoken.log");
        var allowance = Path.Combine(data.Path, "allowance");
        File.WriteAllText(spokenLog, "");
        var allowed = SpokenPerStep;
        File.WriteAllText(allowance, allowed.ToString(CultureInfo.InvariantCulture));
        var settings = Settings(GatedEspeak(data.Path, spokenLog, allowance));

        // One data directory for every process: it holds the file-system blob store, which the silos share.
        var shared = Path.Combine(data.Path, "shared");
        var silos = Enumerable.Range(0, Silos).Select(_ => new HostProcess(shared, settings("silo"))).ToList();
        var stopped = new List<HostProcess>();
        HostProcess? front = null;
        try
        {
            await Task.WhenAll(silos.Select(s => s.StartAsync()));
            front = new HostProcess(shared, settings("front"));
            await front.StartAsync();
            using var client = new HttpClient { BaseAddress = front.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiSession.RegisterAndCreateTokenAsync(client));
            var markers = Enumerable.Range(1, Pages).Select(n => $"Page marker {n:D2}").ToList();
            var documentId = await ApiSession.CreateDocumentAsync(client, string.Join("\n\n", markers.Select(m => $"{m} of a document read across a rolling restart.")), Pages);
            await ApiSession.RequestDocumentAudioAsync(client, documentId, Voice);

            var failedReads = 0;
            for (var i = 0; i < Silos; i++)
            {
                // The engine has spoken all it may so far and the job's next pages wait on it, on every silo.
                await WaitForSpokenAsync(spokenLog, allowed);
                Assert.True((await ReadProgressAsync(client, documentId)).GetProperty("pending").GetInt32() > 0, "the job finished before the restart did");
                allowed += SpokenPerStep;
                File.WriteAllText(allowance, allowed.ToString(CultureInfo.InvariantCulture));

                var stopping = Stopwatch.StartNew();
                var stop = silos[i].StopAsync();
                while (!stop.IsCompleted)
                {
                    failedReads += await CountFailedReadAsync(client, documentId);
                }

                await stop;
                output.WriteLine($"silo {i} stopped {stopping.Elapsed.TotalSeconds:F1} s after SIGTERM: {HandoverOf(silos[i])}");
                stopped.Add(silos[i]);
                silos[i] = new HostProcess(shared, settings("silo"));
                await silos[i].StartAsync();
            }

            File.WriteAllText(allowance, int.MaxValue.ToString(CultureInfo.InvariantCulture));
            var done = await WaitForJobAsync(client, documentId);
            Assert.Equal(Pages, done.GetProperty("completed").GetInt32());
            Assert.Equal(0, done.GetProperty("failed").GetInt32());
            for (var page = 1; page <= Pages; page++)
            {
                var audio = await client.GetFromJsonAsync<JsonElement>($"/api/audio/{ApiSession.AudioId(documentId, page, Voice)}");
                Assert.Equal("completed", audio.GetProperty("status").GetString());
            }

            // Exactly once: one engine call per page, none repeated by a silo that took work over.
            var spoken = File.ReadAllLines(spokenLog);
            Assert.Equal(Pages, spoken.Length);
            Assert.All(markers, marker => Assert.Single(spoken, line => line.StartsWith(marker + " ", StringComparison.Ordinal)));

            var reports = stopped.Select(HandoverOf).ToList();
            // Reads through the front are counted, not judged: a read that meets the front's client still trying the
            // stopped silo as its gateway is the client's routing, which the cluster tests judge.
            output.WriteLine($"{reports.Sum(r => r.Migrated)} activations migrated in all; {failedReads} progress reads failed while silos stopped.");
            Assert.All(reports, r => Assert.True(r.Logged, "a stopped silo did not report its handover"));

            // Which grains a silo holds when it stops is up to placement (the job may even have been activated anew
            // elsewhere while membership changed), but a running job's pages hold audio slots and are spread over the
            // silos, so some move.
            Assert.True(reports.Sum(r => r.Migrated) > 0, "no stopping silo handed any activation over");
            var logs = string.Join('\n', stopped.Concat(silos).Select(s => s.Output));
            Assert.DoesNotContain("Failed to dehydrate", logs, StringComparison.Ordinal);
            Assert.DoesNotContain("Failed to rehydrate", logs, StringComparison.Ordinal);
            Assert.DoesNotContain("Error while dehydrating", logs, StringComparison.Ordinal);
            Assert.DoesNotContain("Failed to migrate", logs, StringComparison.Ordinal);
        }
        catch
        {
            foreach (var (host, name) in stopped.Select((h, i) => (h, $"stopped silo {i}")).Concat(silos.Select((h, i) => (h, $"silo {i}"))))
            {
                output.WriteLine($"--- {name}: last lines ---");
                output.WriteLine(string.Join('\n', host.Output.Split('\n').TakeLast(40)));
            }

            throw;
        }
        finally
        {
            foreach (var host in stopped.Concat(silos).Append(front).OfType<HostProcess>())
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>What a stopped silo logged of its handover (see <c>ShutdownHandoverReport</c>).</summary>
    private static HandoverReport HandoverOf(HostProcess silo) =>
        HandoverLine().Match(silo.Output) is { Success: true } m
            ? new HandoverReport(true, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))
            : new HandoverReport(false, 0, "", 0, 0);

    [GeneratedRegex(@"Stopping: (\d+) activations handed over to other silos \(([^)]*)\), (\d+) deactivated, in (\d+) ms")]
    private static partial Regex HandoverLine();

    private sealed record HandoverReport(bool Logged, int Migrated, string ByType, int Deactivated, long ElapsedMs)
    {
        public override string ToString() => Logged
            ? $"{Migrated} activations migrated ({ByType}), {Deactivated} deactivated; its grains were let go in {ElapsedMs} ms"
            : "no handover report";
    }

    private Func<string, Dictionary<string, string>> Settings(string engine) => role => new()
    {
        ["App__Role"] = role,
        ["App__MaxPageCharacters"] = "100",
        ["App__PendingWorkSweepPeriod"] = "00:00:05",
        ["Orleans__Membership"] = "postgres",
        ["Orleans__ServiceId"] = "lector-rolling-test",
        ["Orleans__ClusterId"] = "rolling-test",
        ["Orleans__ShutdownTimeout"] = "00:00:20",
        ["ConnectionStrings__Postgres"] = postgres.ConnectionString,
        ["Speech__Local__Executable"] = engine,
        ["RateLimits__Audio__Limit"] = "10000",
    };

    /// <summary>
    /// A stand-in for espeak-ng that speaks a text only while fewer texts than the allowance file says have been spoken,
    /// waiting otherwise, and records each text it speaks, one line per call.
    /// </summary>
    private static string GatedEspeak(string directory, string spokenLog, string allowance)
    {
        var path = Path.Combine(directory, "gated-espeak-ng");
        File.WriteAllText(path, $"""
            #!/bin/sh
            case "$*" in *--stdin*)
              text=$(cat)
              while [ "$(wc -l < '{spokenLog}')" -ge "$(cat '{allowance}')" ]; do sleep 0.1; done
              printf '%s\n' "$text" >> '{spokenLog}'
              printf '%s' "$text" | exec espeak-ng "$@";;
            esac
            exec espeak-ng "$@"

            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static async Task WaitForSpokenAsync(string spokenLog, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (File.ReadAllLines(spokenLog).Length < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The engine was not asked for {count} pages in time.");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> ReadProgressAsync(HttpClient client, string documentId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}/audio?voice={Uri.EscapeDataString(Voice)}");

    /// <summary>Reads the job's progress once: 1 when the front answered 5xx or not at all.</summary>
    private static async Task<int> CountFailedReadAsync(HttpClient client, string documentId)
    {
        try
        {
            using var response = await client.GetAsync($"/api/documents/{documentId}/audio?voice={Uri.EscapeDataString(Voice)}");
            return (int)response.StatusCode >= 500 ? 1 : 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }

    private static async Task<JsonElement> WaitForJobAsync(HttpClient client, string documentId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var progress = await ReadProgressAsync(client, documentId);
            if (progress.GetProperty("status").GetString() == "completed")
            {
                return progress;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The job did not finish: {progress}");
            await Task.Delay(200);
        }
    }
}
