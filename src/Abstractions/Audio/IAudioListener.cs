using Orleans.Concurrency;

namespace Lector.Abstractions.Audio;

/// <summary>A grain that wants to hear when an audio finishes.</summary>
[Alias("Lector.IAudioListener")]
public interface IAudioListener : IGrainWithStringKey
{
    /// <summary>The audio is completed or failed.</summary>
    [Alias("AudioFinished"), OneWay]
    Task AudioFinished(AudioView audio);
}
