namespace Lector.Abstractions.Work;

/// <summary>A grain that can have work in flight which must survive a restart.</summary>
[Alias("Lector.IResumableGrain")]
public interface IResumableGrain : IGrainWithStringKey
{
    /// <summary>Continues whatever work the grain's persisted state says is unfinished; a no-op otherwise.</summary>
    [Alias("Resume")]
    Task Resume();
}
