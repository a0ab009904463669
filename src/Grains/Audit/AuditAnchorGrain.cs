using Lector.Abstractions.Admin;
using Lector.Abstractions.Blobs;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Lector.Grains.Audit;

/// <summary>
/// Writes the newest head it was told of to the anchor, one write at a time: heads that arrive during a write wait for
/// the next, which covers them all, so a burst of appends costs a few writes. The anchor never moves back, and never
/// moves on from a head the log no longer holds as anchored: once the newest entries were deleted (and maybe
/// replaced), the anchor keeps saying so to every verification instead of adopting the new chain.
/// </summary>
[Reentrant]
public sealed partial class AuditAnchorGrain(IAuditStore store, IBlobStore blobs, ILogger<AuditAnchorGrain> logger) : Grain, IAuditAnchorGrain
{
    private AuditHead? _anchored;
    private AuditHead? _latest;
    private Task<bool>? _writing;
    private bool _broken;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            _anchored = await AuditAnchor.ReadAsync(blobs, cancellationToken);
        }
        catch (InvalidDataException)
        {
            // Overwriting an anchor nobody can read would erase what it might prove; verification reports it instead.
            _broken = true;
            LogUnreadable(logger);
        }
    }

    /// <summary>Reentrant: while one write is under way, the heads arriving are noted at once and wait for the next write.</summary>
    public async Task Advance(AuditHead head)
    {
        if (head.Seq > (_latest?.Seq ?? 0))
        {
            _latest = head;
        }

        while (!_broken && (_anchored?.Seq ?? 0) < head.Seq)
        {
            var writing = _writing is { IsCompleted: false } running ? running : _writing = WriteLatestAsync();
            if (!await writing)
            {
                return;
            }
        }
    }

    /// <summary>Writes the newest head noted so far; false when the store failed or the log no longer holds the anchored entry.</summary>
    private async Task<bool> WriteLatestAsync()
    {
        var latest = _latest!;
        try
        {
            if (_anchored is { } anchored && (await store.GetAsync(anchored.Seq))?.Hash != anchored.Hash)
            {
                _broken = true;
                LogAnchoredEntryGone(logger, anchored.Seq);
                return false;
            }

            await AuditAnchor.WriteAsync(blobs, latest);
            _anchored = latest;
            return true;
        }
        catch (Exception e)
        {
            // Whatever failed, the entries are in the log and the requests they record are done: the anchor lags
            // until the next append tries again, and the failure is for operators, not for the caller.
            LogAnchorFailed(logger, e, latest.Seq);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit log no longer holds entry {Seq} as it was anchored: its newest entries were deleted or replaced. The anchor stays where it is")]
    private static partial void LogAnchoredEntryGone(ILogger logger, long seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit anchor is unreadable; it is left as it is")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit log's head {Seq} could not be anchored for now")]
    private static partial void LogAnchorFailed(ILogger logger, Exception exception, long seq);
}
