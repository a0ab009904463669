using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Runtime.Versioning;
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

        string token, documentId, firstAudioId, secondAudioId;
        await using (var host = new HostProcess(data.Path, settings))
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

        await using (var host = new HostProcess(data.Path, settings))
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

        await using (var host = new HostProcess(data.Path, settings))
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

    private static HttpClient Authorized(HostProcess host, string token)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
