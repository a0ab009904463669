using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Limits;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Audit;

/// <summary>
/// One client's refusal windows, in memory: what they fold is written to the audit log when they close (by a timer,
/// or when the activation goes), so only a silo's crash loses a window's count, never its first entry. Every entry it
/// writes is taken from the cluster's budget first; past it, the refusals go to the overflow activation, which folds
/// them all and writes whatever the budget says.
/// </summary>
public sealed class RefusalAuditGrain(IOptions<AuditOptions> options, TimeProvider time) : Grain, IRefusalAuditGrain
{
    /// <summary>The rate-limit grain counting refusal entries across the cluster.</summary>
    public const string BudgetKey = "audit/refusals";

    private readonly Dictionary<(string Action, string TargetId), Window> _windows = [];
    private IGrainTimer? _timer;

    private bool IsOverflow => this.GetPrimaryKeyString() == IRefusalAuditGrain.Overflow;

    public async Task Refused(AuditRecord record, long count)
    {
        var now = time.GetUtcNow();
        var key = (record.Action, record.TargetId);
        if (_windows.TryGetValue(key, out var open) && now < open.Ends)
        {
            open.Fold(record, count);
            return;
        }

        if (open is not null)
        {
            await CloseAsync(key, open);
        }

        // The first refusal of a window is written now; the rest of what came with it is counted for the close.
        var window = new Window(now + options.Value.RefusalWindow, record, count - 1);
        _windows[key] = window;
        _timer ??= this.RegisterGrainTimer(CloseDueAsync, options.Value.RefusalWindow, options.Value.RefusalWindow);
        await WriteAsync(record with { Outcome = AuditRecord.Refused }, 1);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var (key, window) in _windows.ToList())
        {
            await CloseAsync(key, window);
        }
    }

    private async Task CloseDueAsync()
    {
        var now = time.GetUtcNow();
        foreach (var (key, window) in _windows.Where(w => w.Value.Ends <= now).ToList())
        {
            await CloseAsync(key, window);
        }

        if (_windows.Count == 0)
        {
            // Nothing left to close: the activation may be collected like any idle one.
            _timer?.Dispose();
            _timer = null;
        }
    }

    private async Task CloseAsync((string, string) key, Window window)
    {
        _windows.Remove(key);
        if (window.Folded > 0)
        {
            await WriteAsync(window.Latest with { Outcome = AuditRecord.RefusedAgain(window.Folded) }, window.Folded);
        }
    }

    /// <summary>Appends the entry if the budget allows; otherwise hands the refusals it stands for to the overflow.</summary>
    private async Task WriteAsync(AuditRecord entry, long refusals)
    {
        if (!IsOverflow)
        {
            var settings = options.Value;
            var budget = await GrainFactory.Grain<IRateLimitGrain>(BudgetKey).TryAcquire(settings.RefusalBudget, settings.RefusalWindow, 1);
            if (budget.Granted == 0)
            {
                // Many clients: which one is no longer worth an entry each, so the overflow's entries name none.
                await GrainFactory.Grain<IRefusalAuditGrain>(IRefusalAuditGrain.Overflow)
                    .Refused(entry with { Ip = IRefusalAuditGrain.Overflow, UserAgent = "", Outcome = AuditRecord.Refused }, refusals);
                return;
            }
        }

        await GrainFactory.Grain<IAuditGrain>(0).Append([entry]);
    }

    /// <summary>An open window: when it closes, the latest refusal it folded, and how many it folded after the first.</summary>
    private sealed class Window(DateTimeOffset ends, AuditRecord latest, long folded)
    {
        public DateTimeOffset Ends { get; } = ends;

        public AuditRecord Latest { get; private set; } = latest;

        public long Folded { get; private set; } = folded;

        public void Fold(AuditRecord record, long count)
        {
            Latest = record;
            Folded += count;
        }
    }
}
