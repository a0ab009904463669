using Lector.Abstractions;
using Lector.Abstractions.Admin;

namespace Lector.Grains.Admin;

/// <summary>
/// This silo's copy of the operator settings, so grains read them without a call to the one settings grain per
/// use. It subscribes to that grain, which pushes each change before its update returns, and renews the
/// subscription (reading the settings again) every <see cref="RenewEvery"/>: a settings grain activated anew (its
/// silo died, or it was collected) has lost its subscribers, and the renewal is what brings them back.
/// </summary>
public sealed class SiloSettings(IGrainFactory grains, TimeProvider time) : ISettingsObserver, IDisposable
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _renewing = new(1, 1);
    private ISettingsObserver? _reference;
    private volatile Snapshot? _current;

    public async ValueTask<AdminSettings> GetAsync()
    {
        if (_current is { } current && !IsDue(current))
        {
            return current.Settings;
        }

        await _renewing.WaitAsync();
        try
        {
            if (_current is { } renewed && !IsDue(renewed))
            {
                return renewed.Settings;
            }

            // Created once and held here, since the runtime keeps only a weak reference to the observer; off any grain's
            // scheduler, since a grain may not create one and the first reader is usually a grain.
            _reference ??= await Task.Run(() => grains.CreateObjectReference<ISettingsObserver>(this));
            var settings = await grains.Grain<ISettingsGrain>(0).Subscribe(_reference);
            _current = new Snapshot(settings, time.GetUtcNow());
            return settings;
        }
        finally
        {
            _renewing.Release();
        }
    }

    public Task SettingsChanged(AdminSettings settings)
    {
        _current = new Snapshot(settings, _current?.RenewedAt ?? time.GetUtcNow());
        return Task.CompletedTask;
    }

    public void Dispose() => _renewing.Dispose();

    private bool IsDue(Snapshot snapshot) => time.GetUtcNow() - snapshot.RenewedAt >= RenewEvery;

    private sealed record Snapshot(AdminSettings Settings, DateTimeOffset RenewedAt);
}
