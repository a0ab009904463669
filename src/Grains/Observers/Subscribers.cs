namespace Lector.Grains.Observers;

/// <summary>
/// The observers a grain pushes changes to. Observers live in other processes and are not persisted, so each one
/// renews its subscription within <paramref name="lifetime"/> or is forgotten, and one that does not take a push
/// within <paramref name="pushTimeout"/> is dropped: its next renewal then starts a new subscription, with a new
/// <see cref="Renew"/> answer, which tells it that it may have missed a push. The list moves with an activation that
/// migrates (its silo stops): the owning grain passes its <see cref="IGrainMigrationParticipant"/> calls on here.
/// </summary>
public sealed class Subscribers<TObserver>(TimeSpan lifetime, TimeSpan pushTimeout, TimeProvider time) : IGrainMigrationParticipant
    where TObserver : class, IGrainObserver
{
    private const string MigrationKey = "lector.subscribers";

    private readonly Dictionary<TObserver, Subscription> _all = [];

    public int Count => _all.Count;

    /// <summary>Adds or renews the observer's subscription; the answer stays the same for as long as no push can have missed it.</summary>
    public Guid Renew(TObserver observer)
    {
        var now = time.GetUtcNow();
        foreach (var lapsed in _all.Where(s => now - s.Value.RenewedAt > lifetime).Select(s => s.Key).ToList())
        {
            _all.Remove(lapsed);
        }

        var generation = _all.TryGetValue(observer, out var current) ? current.Generation : Guid.NewGuid();
        _all[observer] = new Subscription(generation, now);
        return generation;
    }

    public void Remove(TObserver observer) => _all.Remove(observer);

    /// <summary>Pushes to every observer at once and returns when each has taken it or been dropped; <paramref name="failed"/> hears of each drop.</summary>
    public async Task PushAsync(Func<TObserver, Task> push, Action<Exception> failed)
    {
        var pushes = _all.Keys.ToList().Select(async observer =>
        {
            try
            {
                await push(observer).WaitAsync(pushTimeout, time);
                return null;
            }
            catch (Exception e)
            {
                failed(e);
                return observer;
            }
        });
        foreach (var dropped in await Task.WhenAll(pushes))
        {
            if (dropped is not null)
            {
                _all.Remove(dropped);
            }
        }
    }

    /// <summary>Every push made so far reached the subscribers that move, so their answers stay the same.</summary>
    public void OnDehydrate(IDehydrationContext migrationContext) =>
        migrationContext.TryAddValue(MigrationKey, _all.ToDictionary(s => s.Key, s => (s.Value.Generation, s.Value.RenewedAt)));

    public void OnRehydrate(IRehydrationContext migrationContext)
    {
        if (migrationContext.TryGetValue<Dictionary<TObserver, (Guid Generation, DateTimeOffset RenewedAt)>>(MigrationKey, out var all) && all is not null)
        {
            foreach (var (observer, (generation, renewedAt)) in all)
            {
                _all[observer] = new Subscription(generation, renewedAt);
            }
        }
    }

    private readonly record struct Subscription(Guid Generation, DateTimeOffset RenewedAt);
}
