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
    private TaskCompletionSource _published = NewSignal();

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

        var published = _published;
        _published = NewSignal();
        published.SetResult();
        return Task.CompletedTask;
    }

    public async Task<DocumentEventBatch> Read(string callerId, long? afterId, TimeSpan wait)
    {
        await GrainFactory.GetGrain<IDocumentGrain>(this.GetPrimaryKeyString()).Authorize(callerId, Permission.View);
        if (afterId is not { } after)
        {
            return new DocumentEventBatch(_lastId, Reset: false, []);
        }

        if (after == _lastId)
        {
            // Interleaved with Publish, which completes the signal; a timeout just answers "nothing new".
            await _published.Task.WaitAsync(wait, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        var oldest = _events.Count > 0 ? _events.Peek().Id : _lastId + 1;
        if (after > _lastId || after < oldest - 1)
        {
            return new DocumentEventBatch(_lastId, Reset: true, []);
        }

        return new DocumentEventBatch(_lastId, Reset: false, [.. _events.Where(e => e.Id > after)]);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
