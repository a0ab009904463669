namespace Lector.Abstractions.Audio;

/// <summary>The voices of the configured speech engines, answered by any silo.</summary>
[Alias("Lector.IVoiceCatalogGrain")]
public interface IVoiceCatalogGrain : IGrainWithIntegerKey
{
    [Alias("ListVoices")]
    Task<IReadOnlyList<VoiceInfo>> ListVoices();
}
