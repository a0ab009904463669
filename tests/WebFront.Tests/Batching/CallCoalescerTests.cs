using Lector.WebFront.Batching;

namespace Lector.WebFront.Tests.Batching;

/// <summary>The coalescer driven by hand: each call it makes is held until the test answers it.</summary>
public sealed class CallCoalescerTests
{
    private readonly List<(string Key, IReadOnlyList<int> Items, TaskCompletionSource<IReadOnlyList<string>> Answer)> _calls = [];

    private CallCoalescer<string, int, string> Coalescer(int maxBatch) => new((key, items) =>
    {
        var answer = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_calls)
        {
            _calls.Add((key, items, answer));
        }

        return answer.Task;
    }, maxBatch);

    [Fact]
    public async Task Items_queued_with_an_idle_keys_first_go_in_its_first_call_and_what_arrives_meanwhile_in_the_next()
    {
        var coalescer = Coalescer(maxBatch: 100);

        // Enqueued in one turn of a single-threaded context, as a burst's requests reach the coalescer before the
        // work it queued behind them runs: the first call cannot leave before the second item is in.
        using var context = new SingleThreadContext();
        var (first, otherKey) = await context.RunAsync(() =>
            (new[] { coalescer.Enqueue("a", 1), coalescer.Enqueue("a", 2) }, coalescer.Enqueue("b", 9)));
        await WaitForCallsAsync(2);
        Assert.Equal(["a:1,2", "b:9"], Sent().Order());

        var waiting = Enumerable.Range(3, 3).Select(i => coalescer.Enqueue("a", i)).ToList();
        Answer(Sent().IndexOf("a:1,2"), "one", "two");
        Assert.Equal(["one", "two"], await Task.WhenAll(first));
        await WaitForCallsAsync(3);
        Assert.Equal("a:3,4,5", Sent()[2]);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        Answer(2, "three", "four", "five");
        Answer(Sent().IndexOf("b:9"), "nine");
        Assert.Equal(["three", "four", "five", "nine"], await Task.WhenAll([.. waiting, otherKey]));

        // Drained: the next item for the key is sent on its own again.
        _ = coalescer.Enqueue("a", 6);
        await WaitForCallsAsync(4);
        Assert.Equal("a:6", Sent()[3]);
    }

    [Fact]
    public async Task A_long_queue_is_sent_in_calls_of_at_most_the_batch_size()
    {
        var coalescer = Coalescer(maxBatch: 2);
        using var context = new SingleThreadContext();
        var all = await context.RunAsync(() => Enumerable.Range(1, 7).Select(i => coalescer.Enqueue("a", i)).ToList());

        for (var call = 0; call < 4; call++)
        {
            await WaitForCallsAsync(call + 1);
            Answer(call, [.. _calls[call].Items.Select(i => $"#{i}")]);
        }

        Assert.Equal(["a:1,2", "a:3,4", "a:5,6", "a:7"], Sent());
        Assert.Equal(["#1", "#2", "#3", "#4", "#5", "#6", "#7"], await Task.WhenAll(all));
    }

    [Fact]
    public async Task A_failed_call_fails_its_own_items_only_and_a_wrong_count_of_answers_is_a_failure()
    {
        var coalescer = Coalescer(maxBatch: 100);
        var first = coalescer.Enqueue("a", 1);
        await WaitForCallsAsync(1);
        var second = coalescer.Enqueue("a", 2);
        var third = coalescer.Enqueue("a", 3);

        _calls[0].Answer.SetException(new TimeoutException("the silo did not answer"));
        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await WaitForCallsAsync(2);
        Answer(1, "just one");
        await Assert.ThrowsAsync<InvalidOperationException>(() => second);
        await Assert.ThrowsAsync<InvalidOperationException>(() => third);

        var after = coalescer.Enqueue("a", 4);
        await WaitForCallsAsync(3);
        Answer(2, "four");
        Assert.Equal("four", await after);
    }

    /// <summary>The calls made so far, each as <c>key:item,item...</c>.</summary>
    private List<string> Sent()
    {
        lock (_calls)
        {
            return [.. _calls.Select(c => $"{c.Key}:{string.Join(',', c.Items)}")];
        }
    }

    private void Answer(int call, params string[] results)
    {
        lock (_calls)
        {
            _calls[call].Answer.SetResult(results);
        }
    }

    private async Task WaitForCallsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Sent().Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {Sent().Count} of {count} calls were made.");
            await Task.Delay(5);
        }
    }

    /// <summary>Runs what is posted to it one at a time, in order, on one thread of its own.</summary>
    private sealed class SingleThreadContext : SynchronizationContext, IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

        public SingleThreadContext()
        {
            var thread = new Thread(() =>
            {
                SetSynchronizationContext(this);
                foreach (var (callback, state) in _queue.GetConsumingEnumerable())
                {
                    callback(state);
                }
            });
            thread.IsBackground = true;
            thread.Start();
        }

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public Task<T> RunAsync<T>(Func<T> work)
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(_ => done.SetResult(work()), null);
            return done.Task;
        }

        public void Dispose() => _queue.CompleteAdding();
    }
}
