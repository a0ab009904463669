using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Lector.Abstractions.Blobs;

/// <summary>Builds and checks blob keys. Keys are deterministic, so a retried write lands on the same object.</summary>
public static partial class BlobKeys
{
    public static string Original(string documentId) => $"originals/{documentId}";

    /// <summary>Upload staging: the original is stored before its document grain accepts it.</summary>
    public static string Upload(string documentId) => $"uploads/{documentId}";

    /// <summary>One key per page, voice, text and engine settings: a re-run after a crash overwrites, never duplicates.</summary>
    public static string Audio(string documentId, int page, string voice, string textHash, string engineSettings, string format) =>
        $"audio/{documentId}/{page}/{Variant(voice, textHash, engineSettings)}.{format}";

    /// <summary>
    /// A voice's preview: one key per voice, sentence and engine settings, so a settings change makes a new preview.
    /// Outside <c>audio/</c>, as no page owns it; the reconciler leaves the prefix alone and the preview grain replaces its own.
    /// </summary>
    public static string VoicePreview(string voice, string textHash, string engineSettings, string format) =>
        $"previews/{Variant(voice, textHash, engineSettings)}.{format}";

    /// <summary>
    /// A whole-document export's file: one key per document, voice, format and build, so a build repeated after a crash
    /// overwrites its own file, and a rebuild never replaces the file an earlier build still serves.
    /// </summary>
    public static string Export(string documentId, string format, string voice, int build) =>
        $"exports/{documentId}/{Variant(voice, format, build.ToString(System.Globalization.CultureInfo.InvariantCulture))}.{format}";

    /// <summary>
    /// A podcast episode's audio: one key per document, voice, episode and the page audio it joins, so a build repeated
    /// after a crash overwrites its own file, and an edited page makes a new file (and a new enclosure) beside the old.
    /// </summary>
    public static string PodcastEpisode(string documentId, string voice, int episode, string sourceHash) =>
        $"{PodcastEpisodes(documentId, voice)}{Variant(voice, episode.ToString(System.Globalization.CultureInfo.InvariantCulture), sourceHash)}.mp3";

    /// <summary>The prefix of every episode of a document's podcast in one voice: purging it leaves none behind, even one a stopped build wrote.</summary>
    public static string PodcastEpisodes(string documentId, string voice) => $"podcasts/{documentId}/{Variant(voice)}/";

    /// <summary>The speech marks of an audio, next to it: derived from its key, so just as deterministic.</summary>
    public static string Marks(string audioKey) => $"{Path.ChangeExtension(audioKey, null)}.marks.json";

    /// <summary>Voice ids carry capitals and colons, which keys may not: the inputs, one a line, are hashed instead.</summary>
    private static string Variant(string voice, params string[] inputs) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', [voice, .. inputs]))))[..32];

    public static bool IsValid(string key) => key.Length <= 512 && KeyPattern().IsMatch(key);

    public static void EnsureValid(string key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException("Blob key is not a valid relative key.", nameof(key));
        }
    }

    /// <summary>A listing prefix: empty, or the start of a valid key (a trailing slash allowed).</summary>
    public static void EnsureValidPrefix(string prefix)
    {
        if (prefix.Length > 0 && !IsValid(prefix.EndsWith('/') ? prefix[..^1] : prefix))
        {
            throw new ArgumentException("Blob key prefix is not a valid relative key prefix.", nameof(prefix));
        }
    }

    // Segments of [a-z0-9._-] that start with a letter or digit: no "..", no absolute paths, no backslashes.
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*$")]
    private static partial Regex KeyPattern();
}
