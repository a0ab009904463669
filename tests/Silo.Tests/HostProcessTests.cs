using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using Lector.Testing;

namespace Lector.Silo.Tests;

/// <summary>End to end through the real host process: what a user keeps across a restart and a crash.</summary>
[SupportedOSPlatform("linux")]
public sealed class HostProcessTests
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task Everything_survives_a_restart_and_synthesis_interrupted_by_SIGKILL_completes_without_a_new_request()
    {
        using var data = new TempDirectory();
        var slowEngine = SlowEspeak(data.Path, delaySeconds: 4);
        var settings = new Dictionary<string, string> { ["Speech__Local__Executable"] = slowEngine };

        // Not there yet, as on a fresh machine: the first start makes it.
        var dataDirectory = Path.Combine(data.Path, "fresh", "data");
        string token, documentId, firstAudioId, secondAudioId;
        await using (var host = new HostProcess(dataDirectory, settings))
        {
            await host.StartAsync();
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            token = await ApiSession.RegisterAndCreateTokenAsync(client);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            documentId = await ApiSession.CreateDocumentAsync(client, $"{Paragraph("must outlive its host")}\n\n{Paragraph("is spoken when the host is killed")}");
            firstAudioId = await ApiSession.RequestAudioAsync(client, documentId, 1, Voice);
            Assert.Equal("completed", (await ApiSession.WaitForAudioAsync(client, firstAudioId)).GetProperty("status").GetString());

            // A graceful stop, then a start on the same data.
            await host.StopAsync();
        }

        await using (var host = new HostProcess(dataDirectory, settings))
        {
            await host.StartAsync();
            using var client = Authorized(host, token);
            var document = await client.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}");
            Assert.Equal("ready", document.GetProperty("status").GetString());
            Assert.Equal(2, document.GetProperty("pageCount").GetInt32());
            Assert.Equal("completed", (await client.GetFromJsonAsync<JsonElement>($"/api/audio/{firstAudioId}")).GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/audio/{firstAudioId}/content")).StatusCode);

            // The slow engine is mid-synthesis when the process dies.
            secondAudioId = await ApiSession.RequestAudioAsync(client, documentId, 2, Voice);
            await Task.Delay(1500);
            Assert.Equal("generating", (await client.GetFromJsonAsync<JsonElement>($"/api/audio/{secondAudioId}")).GetProperty("status").GetString());
            await host.KillAsync();
        }

        await using (var host = new HostProcess(dataDirectory, settings))
        {
            await host.StartAsync();
            using var client = Authorized(host, token);

            // No new request: the restarted host resumes the interrupted synthesis on its own.
            var audio = await ApiSession.WaitForAudioAsync(client, secondAudioId);
            Assert.Equal("completed", audio.GetProperty("status").GetString());
            var bytes = await client.GetByteArrayAsync($"/api/audio/{secondAudioId}/content");
            Assert.Equal(audio.GetProperty("sizeBytes").GetInt64(), bytes.Length);
            var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
            Assert.EndsWith("@example.test", me.GetProperty("email").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("SIGKILL")]
    [InlineData("SIGTERM")]
    public async Task A_fifty_page_document_job_ended_midway_finishes_after_a_restart_with_every_page_done_once(string signal)
    {
        using var data = new TempDirectory();
        var calls = Path.Combine(data.Path, "synthesis-calls.log");
        var settings = new Dictionary<string, string>
        {
            ["Speech__Local__Executable"] = LoggingEspeak(data.Path, calls),
            ["App__MaxPageCharacters"] = "100",
            ["Speech__DocumentConcurrency"] = "4",
        };
        var pages = Enumerable.Range(1, 50).Select(n => $"Page marker {n:D2} of the document the host dies reading.").ToList();

        string token, documentId;
        await using (var host = new HostProcess(data.Path, settings))
        {
            await host.StartAsync();
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            token = await ApiSession.RegisterAndCreateTokenAsync(client);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            documentId = await ApiSession.CreateDocumentAsync(client, string.Join("\n\n", pages));
            Assert.Equal(50, (await client.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}")).GetProperty("pageCount").GetInt32());

            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/documents/{documentId}/audio", new { voice = Voice })).StatusCode);
            var midway = await WaitForJobAsync(client, documentId, p => p.GetProperty("completed").GetInt32() >= 5);
            Assert.True(midway.GetProperty("pending").GetInt32() > 0, "the job finished before the host could be ended");
            await (signal == "SIGKILL" ? host.KillAsync() : host.StopAsync());
        }

        await using (var host = new HostProcess(data.Path, settings))
        {
            await host.StartAsync();
            using var client = Authorized(host, token);

            // No new request: the restarted host resumes the job where it was.
            var done = await WaitForJobAsync(client, documentId, p => p.GetProperty("status").GetString() == "completed");
            Assert.Equal(50, done.GetProperty("completed").GetInt32());
            Assert.Equal(0, done.GetProperty("failed").GetInt32());
            for (var number = 1; number <= 50; number++)
            {
                var page = await client.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}/pages/{number}");
                Assert.Equal("completed", Assert.Single(page.GetProperty("audio").EnumerateArray()).GetProperty("status").GetString());
            }
        }

        // Every page was spoken; only the few in synthesis when the process ended were spoken twice (on SIGTERM, those
        // that finished within the shutdown were committed, not dropped).
        var spoken = File.ReadAllLines(calls);
        Assert.All(pages, text => Assert.Contains(text, spoken));
        Assert.InRange(spoken.Length, 50, 50 + 4);
    }

    /// <summary>About 2,000 characters: two of them do not fit on one page.</summary>
    private static string Paragraph(string subject) =>
        string.Join(' ', Enumerable.Range(1, 25).Select(i => $"Sentence {i} of the paragraph that {subject}."));

    /// <summary>A stand-in for the espeak-ng executable that waits before synthesizing (not before listing voices), to widen the crash window.</summary>
    private static string SlowEspeak(string directory, int delaySeconds)
    {
        var path = Path.Combine(directory, "slow-espeak-ng");
        File.WriteAllText(path, $"#!/bin/sh\ncase \"$*\" in *--stdin*) sleep {delaySeconds};; esac\nexec espeak-ng \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A stand-in for espeak-ng that records each text it is asked to speak, one line per call, and is a little slow.</summary>
    private static string LoggingEspeak(string directory, string log)
    {
        var path = Path.Combine(directory, "logging-espeak-ng");
        File.WriteAllText(path, $"#!/bin/sh\ncase \"$*\" in *--stdin*) text=$(cat); sleep 0.3; printf '%s\\n' \"$text\" >> '{log}'; printf '%s' \"$text\" | exec espeak-ng \"$@\";; esac\nexec espeak-ng \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static async Task<JsonElement> WaitForJobAsync(HttpClient client, string documentId, Func<JsonElement, bool> until)
    {
        for (var i = 0; i < 1200; i++)
        {
            var response = await client.GetAsync($"/api/documents/{documentId}/audio?voice={Uri.EscapeDataString(Voice)}");
            if (response.IsSuccessStatusCode)
            {
                var progress = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (until(progress))
                {
                    return progress;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The document job did not get there.");
    }

    private static HttpClient Authorized(HostProcess host, string token)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
