using System.Globalization;

namespace Lector.Grains.Speech;

/// <summary>Compresses a local engine's WAV audio to mono MP3 with lame, fed on stdin.</summary>
internal static class Mp3Encoder
{
    public static Task<byte[]> EncodeAsync(LocalEngineOptions options, byte[] wav, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(
            options.Encoder,
            ["--quiet", "-m", "m", "-b", options.BitrateKbps.ToString(CultureInfo.InvariantCulture), "-", "-"],
            wav,
            TimeSpan.FromSeconds(options.TimeoutSeconds),
            cancellationToken);
}
