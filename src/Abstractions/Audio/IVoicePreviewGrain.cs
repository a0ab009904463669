namespace Lector.Abstractions.Audio;

/// <summary>
/// The short sample of one voice, keyed by voice id (<c>local:en-us</c>). Made once per voice and engine settings
/// and kept in the blob store; its single activation makes racing first requests share one synthesis.
/// </summary>
[Alias("Lector.IVoicePreviewGrain")]
public interface IVoicePreviewGrain : IGrainWithStringKey
{
    /// <summary>
    /// Where the preview's bytes are, synthesizing them first when there are none for the current engine settings;
    /// <c>voice.not_found</c> when no configured engine offers the voice, <c>voice.preview_failed</c> when the engine failed.
    /// </summary>
    [Alias("Open")]
    Task<AudioContent> Open();
}
