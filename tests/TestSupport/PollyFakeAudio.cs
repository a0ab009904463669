using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Lector.Grains.Speech;
using Microsoft.Extensions.Options;

namespace Lector.Testing;

/// <summary>
/// The audio the Polly fake answers with, made once per process: one spoken MP3 clip (espeak-ng and lame), and from
/// it, by ffmpeg, Ogg Vorbis and raw PCM (signed 16-bit little-endian mono, Polly's pcm) at each sample rate asked.
/// </summary>
internal static class PollyFakeAudio
{
    private static readonly Lazy<Task<byte[]>> Mp3Clip = new(async () =>
        (await new EspeakEngine(Options.Create(new EspeakOptions())).SynthesizeAsync("en", "Fake Polly voice.", CancellationToken.None)).Audio);

    private static readonly ConcurrentDictionary<(string Format, int SampleRate), Lazy<Task<byte[]>>> Converted = new();

    public static Task<byte[]> Mp3Async() => Mp3Clip.Value;

    /// <summary>The clip as <paramref name="format"/> (<c>ogg_vorbis</c> or <c>pcm</c>) at <paramref name="sampleRate"/> Hz.</summary>
    public static Task<byte[]> ConvertedAsync(string format, int sampleRate) =>
        Converted.GetOrAdd((format, sampleRate), key => new Lazy<Task<byte[]>>(() => ConvertAsync(key.Format, key.SampleRate))).Value;

    private static async Task<byte[]> ConvertAsync(string format, int sampleRate)
    {
        string[] output = format switch
        {
            "ogg_vorbis" => ["-c:a", "libvorbis", "-f", "ogg"],
            "pcm" => ["-f", "s16le"],
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Only ogg_vorbis and pcm are converted."),
        };
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-hide_banner", "-loglevel", "error", "-i", "pipe:0", "-ac", "1", "-ar", sampleRate.ToString(CultureInfo.InvariantCulture), .. output, "pipe:1"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = StartOrExplain(start);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(stdout, deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.StandardInput.BaseStream.WriteAsync(await Mp3Async(), deadline.Token);
        process.StandardInput.Close();
        await reading;
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode == 0 && stdout.Length > 0
            ? stdout.ToArray()
            : throw new InvalidOperationException($"ffmpeg could not make the fake's {format} audio: {await errors}");
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("ffmpeg is not on PATH; the Polly fake makes its ogg_vorbis and pcm answers with it (./scripts/ensure-deps --test installs it).", e);
        }
    }
}
