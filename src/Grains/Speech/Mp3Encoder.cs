using System.Globalization;

namespace Lector.Grains.Speech;

/// <summary>Compresses a local engine's WAV file to mono MP3 with lame.</summary>
internal static class Mp3Encoder
{
    /// <summary>The MP3 of the WAV file at <paramref name="wavPath"/>, written through <paramref name="mp3Path"/>.</summary>
    public static async Task<byte[]> EncodeAsync(LocalEngineOptions options, string wavPath, string mp3Path, CancellationToken cancellationToken)
    {
        await ProcessRunner.RunAsync(
            options.Encoder,
            ["--quiet", "-m", "m", "-b", options.BitrateKbps.ToString(CultureInfo.InvariantCulture), wavPath, mp3Path],
            [],
            TimeSpan.FromSeconds(options.TimeoutSeconds),
            cancellationToken);
        return await File.ReadAllBytesAsync(mp3Path, cancellationToken);
    }
}
