using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Work;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lector.WebFront.Health;

/// <summary>The cluster answers and grain state can be written (a probe grain writes its state).</summary>
public sealed class ClusterStorageHealthCheck(IClusterClient cluster) : IHealthCheck
{
    private readonly string _probeKey = $"probe-{Environment.MachineName}-{Environment.ProcessId}";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await cluster.Grain<IHealthProbeGrain>(_probeKey).Probe().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return HealthCheckResult.Healthy();
    }
}

/// <summary>The blob store takes, returns and deletes a small object.</summary>
public sealed class BlobStoreHealthCheck(IBlobStore blobs) : IHealthCheck
{
    private readonly string _probeKey = $"health/probe-{Environment.ProcessId}";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        byte[] probe = [1, 2, 3, 4];
        await blobs.PutAsync(_probeKey, new MemoryStream(probe), cancellationToken);
        await using (var read = await blobs.OpenReadAsync(_probeKey, cancellationToken))
        {
            if (read is null || read.Length != probe.Length)
            {
                return HealthCheckResult.Unhealthy("The blob store lost a probe object.");
            }
        }

        await blobs.DeleteAsync(_probeKey, cancellationToken);
        return HealthCheckResult.Healthy();
    }
}

/// <summary>At least one speech engine lists voices.</summary>
public sealed class SpeechEnginesHealthCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var voices = await cluster.Grain<IVoiceCatalogGrain>(0).ListVoices().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return voices.Count > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No speech engine offers a voice.");
    }
}
