using System.Diagnostics;
using Lector.Abstractions.Exports;
using Lector.Grains.Exports;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Exports;

/// <summary>The ffmpeg encoder on its own: parts in any audio format in, one file with chapters out, judged by ffprobe.</summary>
public sealed class FfmpegAudioBookEncoderTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly FfmpegAudioBookEncoder _encoder = new(Options.Create(new ExportOptions()));

    [Theory]
    [InlineData(ExportFormat.M4b, "aac")]
    [InlineData(ExportFormat.Mp3, "mp3")]
    public async Task Parts_become_one_file_with_a_chapter_at_each_chapters_first_part_and_the_books_metadata(ExportFormat format, string codec)
    {
        // Tones of different lengths, one of them Ogg Vorbis: parts need not share a format or a sample rate.
        byte[][] parts = [await ToneAsync(1.2, "mp3", 22050), await ToneAsync(0.7, "ogg", 24000), await ToneAsync(1.9, "mp3", 16000)];
        var partMs = new List<double>();
        foreach (var part in parts)
        {
            partMs.Add((await FfProbe.ReadAsync(part)).DurationMs);
        }

        var book = new AudioBook(format, "Tones = 3; #1", "en-US", [new AudioBookChapter("Opening", 1), new AudioBookChapter("Close \\ end", 3)]);
        var done = new List<int>();
        var output = Path.Combine(_work.Path, $"book.{format.Name()}");

        var encoded = await _encoder.EncodeAsync(book, parts.Length, (n, _) => Task.FromResult<Stream>(new MemoryStream(parts[n - 1])), output, done.Add, CancellationToken.None);

        var probed = await FfProbe.ReadAsync(output);
        Assert.Equal([1, 2, 3], done);
        Assert.Equal(codec, probed.AudioCodec);
        Assert.Equal("Tones = 3; #1", probed.Tags["title"]);
        Assert.Equal(["Opening", "Close \\ end"], probed.Chapters.Select(c => c.Title));
        Assert.Equal(0, probed.Chapters[0].StartMs);
        Assert.InRange(probed.Chapters[1].StartMs, partMs[0] + partMs[1] - 30, partMs[0] + partMs[1] + 30);
        Assert.Equal(encoded.ChapterStartsMs[1], probed.Chapters[1].StartMs);
        Assert.InRange(probed.DurationMs, partMs.Sum() * 0.98, partMs.Sum() * 1.02);
        Assert.InRange(encoded.DurationMs, partMs.Sum() - 30, partMs.Sum() + 30);
        Assert.Equal("eng", probed.AudioLanguage ?? probed.Tags.GetValueOrDefault("language"));
        Assert.Equal(format == ExportFormat.M4b ? "M4B" : null, probed.MajorBrand?.Trim());
        Assert.Equal([$"book.{format.Name()}"], Directory.GetFiles(_work.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_part_that_is_not_audio_fails_the_encoding_and_leaves_no_work_files()
    {
        var output = Path.Combine(_work.Path, "book.m4b");
        byte[][] parts = [await ToneAsync(0.5, "mp3", 22050), "not audio at all, just words"u8.ToArray()];

        await Assert.ThrowsAsync<AudioBookEncodingException>(() => _encoder.EncodeAsync(
            new AudioBook(ExportFormat.M4b, "Broken", null, []), parts.Length, (n, _) => Task.FromResult<Stream>(new MemoryStream(parts[n - 1])), output, _ => { }, CancellationToken.None));

        Assert.DoesNotContain(Directory.GetFiles(_work.Path), f => !f.EndsWith("book.m4b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_part_that_cannot_be_opened_fails_with_its_own_exception()
    {
        var output = Path.Combine(_work.Path, "book.mp3");
        var tone = await ToneAsync(0.5, "mp3", 22050);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _encoder.EncodeAsync(
            new AudioBook(ExportFormat.Mp3, "Gone", null, []),
            2,
            (n, _) => n == 1 ? Task.FromResult<Stream>(new MemoryStream(tone)) : throw new InvalidOperationException("part 2 is gone"),
            output,
            _ => { },
            CancellationToken.None));

        Assert.Equal("part 2 is gone", failure.Message);
    }

    public void Dispose() => _work.Dispose();

    /// <summary>A sine tone of <paramref name="seconds"/>, made by ffmpeg itself.</summary>
    private static async Task<byte[]> ToneAsync(double seconds, string format, int sampleRate)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] codec = format == "ogg" ? ["-c:a", "libvorbis", "-f", "ogg"] : ["-c:a", "libmp3lame", "-b:a", "48k", "-f", "mp3"];
        foreach (var argument in (string[])["-loglevel", "error", "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "-ac", "1", "-ar", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), .. codec, "pipe:1"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var audio = new MemoryStream();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.BaseStream.CopyToAsync(audio);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        return audio.ToArray();
    }
}
