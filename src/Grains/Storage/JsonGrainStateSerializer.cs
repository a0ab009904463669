using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Lector.Grains.Storage;

/// <summary>
/// Grain state as System.Text.Json: state classes stay plain (no Orleans serializer attributes outside
/// Abstractions), rows stay readable in the database, and added properties deserialize from old rows.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    /// <summary>Also the JSON of collection rows, so an item reads the same in either place.</summary>
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)!;
}
