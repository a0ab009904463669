namespace Lector.WebFront.Batching;

/// <summary>
/// Turns concurrent requests for one key into few grain calls: the first item for a key is sent at once, alone, and
/// the items that arrive while that call is under way wait and go together in the next call, and so on until none
/// wait. Idle, it adds neither delay nor calls; under a burst it makes one call per round trip instead of one per
/// request, so a crowd costs the cluster a few messages rather than a thousand.
/// </summary>
/// <param name="send">Sends one batch and answers one result per item, in order.</param>
/// <param name="maxBatch">Bounds one call, so a very long queue is still sent (and answered) in steps.</param>
public sealed class CallCoalescer<TKey, TItem, TResult>(Func<TKey, IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> send, int maxBatch)
    where TKey : notnull
{
    /// <summary>A key is here while a call for it is under way; its list holds the items waiting for the next.</summary>
    private readonly Dictionary<TKey, List<Waiter>> _waiting = [];

    public Task<TResult> Enqueue(TKey key, TItem item)
    {
        var waiter = new Waiter(item);
        lock (_waiting)
        {
            if (_waiting.TryGetValue(key, out var queued))
            {
                queued.Add(waiter);
                return waiter.Result.Task;
            }

            _waiting[key] = [];
        }

        _ = SendUntilNoneWaitAsync(key, [waiter]);
        return waiter.Result.Task;
    }

    /// <summary>Never throws: each batch's outcome goes to its own waiters.</summary>
    private async Task SendUntilNoneWaitAsync(TKey key, List<Waiter> batch)
    {
        while (true)
        {
            try
            {
                var results = await send(key, [.. batch.Select(w => w.Item)]);
                if (results.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A batch of {batch.Count} was answered with {results.Count} results.");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                batch.ForEach(w => w.Result.TrySetException(e));
            }

            lock (_waiting)
            {
                var queued = _waiting[key];
                if (queued.Count == 0)
                {
                    _waiting.Remove(key);
                    return;
                }

                batch = queued.Count <= maxBatch ? queued : queued[..maxBatch];
                _waiting[key] = queued.Count <= maxBatch ? [] : queued[maxBatch..];
            }
        }
    }

    private sealed class Waiter(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
