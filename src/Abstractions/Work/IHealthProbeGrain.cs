namespace Lector.Abstractions.Work;

/// <summary>Readiness probe: a call that crosses the cluster and writes grain state.</summary>
[Alias("Lector.IHealthProbeGrain")]
public interface IHealthProbeGrain : IGrainWithStringKey
{
    [Alias("Probe")]
    Task Probe();
}
