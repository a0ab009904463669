using System.Diagnostics;
using System.Text.Json;

namespace Lector.Testing;

/// <summary>What ffprobe reads in an audio file: container, audio stream, duration, tags and chapters.</summary>
public sealed record ProbedAudio(
    string FormatName,
    string? MajorBrand,
    string AudioCodec,
    string? AudioLanguage,
    double DurationMs,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<ProbedChapter> Chapters);

public sealed record ProbedChapter(string Title, double StartMs, double EndMs);

/// <summary>Runs Debian's ffprobe on a file, so tests judge an export by what a real reader of the format sees in it.</summary>
public static class FfProbe
{
    public static async Task<ProbedAudio> ReadAsync(byte[] file)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "probed");
        await File.WriteAllBytesAsync(path, file);
        return await ReadAsync(path);
    }

    public static async Task<ProbedAudio> ReadAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-show_chapters", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffprobe failed: {await errors}");
        }

        using var json = JsonDocument.Parse(await output);
        var root = json.RootElement;
        var format = root.GetProperty("format");
        var tags = Tags(format);
        var audio = root.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("codec_type").GetString() == "audio");
        var chapters = root.TryGetProperty("chapters", out var list)
            ? list.EnumerateArray().Select(c => new ProbedChapter(
                Tags(c).GetValueOrDefault("title", ""),
                Seconds(c.GetProperty("start_time")) * 1000,
                Seconds(c.GetProperty("end_time")) * 1000)).ToList()
            : [];
        return new ProbedAudio(
            format.GetProperty("format_name").GetString()!,
            tags.GetValueOrDefault("major_brand"),
            audio.GetProperty("codec_name").GetString()!,
            Tags(audio).GetValueOrDefault("language"),
            Seconds(format.GetProperty("duration")) * 1000,
            tags,
            chapters);
    }

    private static Dictionary<string, string> Tags(JsonElement element) =>
        element.TryGetProperty("tags", out var tags)
            ? tags.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    private static double Seconds(JsonElement value) => double.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
