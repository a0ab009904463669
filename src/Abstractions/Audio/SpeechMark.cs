using System.Text.Json;

namespace Lector.Abstractions.Audio;

/// <summary>
/// Where a sentence or word is spoken: <see cref="TimeMs"/> into the audio, and the half-open range
/// [<see cref="Start"/>, <see cref="End"/>) of UTF-16 character offsets into the page text.
/// </summary>
public sealed record SpeechMark(long TimeMs, string Type, int Start, int End, string Value)
{
    public const string Sentence = "sentence";

    public const string Word = "word";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored and served form: <c>[{timeMs, type, start, end, value}]</c>.</summary>
    public static byte[] ToJson(IReadOnlyList<SpeechMark> marks) => JsonSerializer.SerializeToUtf8Bytes(marks, Json);
}
