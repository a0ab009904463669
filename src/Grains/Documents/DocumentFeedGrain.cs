using Lector.Abstractions;
using Lector.Abstractions.Documents;

namespace Lector.Grains.Documents;

/// <summary>
/// A bounded in-memory buffer of a document's recent events. Ids start at the activation time in
/// milliseconds, so ids of a later activation are greater than those of an earlier one and a reader
/// holding an older id sees the gap and resets instead of silently missing events.
/// </summary>
public sealed class DocumentFeedGrain(TimeProvider time) : Grain, IDocumentFeedGrain
{
    private const int Capacity = 256;

    private readonly Queue<DocumentEvent> _events = new();
    private long _lastId;
    private long _accessChanges;

    // Completed, and replaced, when an event is published or access changes: it wakes the waiting readers.
    private TaskCompletionSource _changed = NewSignal();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastId = time.GetUtcNow().ToUnixTimeMilliseconds();
        return Task.CompletedTask;
    }

    public Task Publish(DocumentEvent documentEvent)
    {
        _events.Enqueue(documentEvent with { Id = ++_lastId });
        if (_events.Count > Capacity)
        {
            _events.Dequeue();
        }

        WakeReaders();
        return Task.CompletedTask;
    }

    public Task AccessChanged()
    {
        _accessChanges++;
        WakeReaders();
        return Task.CompletedTask;
    }

    public async Task<DocumentEventBatch> Read(string callerId, long? afterId, TimeSpan wait)
    {
        await AuthorizeAsync(callerId);
        if (afterId is not { } after)
        {
            return new DocumentEventBatch(_lastId, Reset: false, []);
        }

        if (after == _lastId)
        {
            // Interleaved with Publish and AccessChanged, which complete the signal; a timeout just answers "nothing new".
            var accessChanges = _accessChanges;
            await _changed.Task.WaitAsync(wait, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            if (_accessChanges != accessChanges)
            {
                await AuthorizeAsync(callerId);
            }
        }

        var oldest = _events.Count > 0 ? _events.Peek().Id : _lastId + 1;
        if (after > _lastId || after < oldest - 1)
        {
            return new DocumentEventBatch(_lastId, Reset: true, []);
        }

        return new DocumentEventBatch(_lastId, Reset: false, [.. _events.Where(e => e.Id > after)]);
    }

    private Task AuthorizeAsync(string callerId) =>
        GrainFactory.Grain<IDocumentGrain>(this.GetPrimaryKeyString()).Authorize(callerId, Permission.View);

    private void WakeReaders()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
