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
    public async Task An_idle_key_is_sent_at_once_and_what_arrives_meanwhile_goes_together_in_the_next_call()
    {
        var coalescer = Coalescer(maxBatch: 100);

        var first = coalescer.Enqueue("a", 1);
        Assert.Equal(["a:1"], Sent());
        var waiting = Enumerable.Range(2, 3).Select(i => coalescer.Enqueue("a", i)).ToList();
        var otherKey = coalescer.Enqueue("b", 9);
        Assert.Equal(["a:1", "b:9"], Sent());

        Answer(0, "one");
        Assert.Equal("one", await first);
        await WaitForCallsAsync(3);
        Assert.Equal("a:2,3,4", Sent()[2]);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        Answer(2, "two", "three", "four");
        Answer(1, "nine");
        Assert.Equal(["two", "three", "four", "nine"], await Task.WhenAll([.. waiting, otherKey]));

        // Drained: the next item for the key is sent at once again.
        _ = coalescer.Enqueue("a", 5);
        Assert.Equal("a:5", Sent()[3]);
    }

    [Fact]
    public async Task A_long_queue_is_sent_in_calls_of_at_most_the_batch_size()
    {
        var coalescer = Coalescer(maxBatch: 2);
        var all = Enumerable.Range(1, 6).Select(i => coalescer.Enqueue("a", i)).ToList();

        for (var call = 0; call < 4; call++)
        {
            await WaitForCallsAsync(call + 1);
            Answer(call, [.. _calls[call].Items.Select(i => $"#{i}")]);
        }

        Assert.Equal(["a:1", "a:2,3", "a:4,5", "a:6"], Sent());
        Assert.Equal(["#1", "#2", "#3", "#4", "#5", "#6"], await Task.WhenAll(all));
    }

    [Fact]
    public async Task A_failed_call_fails_its_own_items_only_and_a_wrong_count_of_answers_is_a_failure()
    {
        var coalescer = Coalescer(maxBatch: 100);
        var first = coalescer.Enqueue("a", 1);
        var second = coalescer.Enqueue("a", 2);
        var third = coalescer.Enqueue("a", 3);

        _calls[0].Answer.SetException(new TimeoutException("the silo did not answer"));
        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await WaitForCallsAsync(2);
        Answer(1, "just one");
        await Assert.ThrowsAsync<InvalidOperationException>(() => second);
        await Assert.ThrowsAsync<InvalidOperationException>(() => third);

        var after = coalescer.Enqueue("a", 4);
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
}
