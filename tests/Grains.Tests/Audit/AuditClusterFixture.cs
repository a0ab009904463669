using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Audit;

/// <summary>
/// A cluster whose audit log the tests may tamper with, refusal windows of two seconds and a budget of a few refusal
/// entries per window, so folding, closing windows and the overflow happen within a test.
/// </summary>
public sealed class AuditClusterFixture : LectorClusterFixture
{
    public const int RefusalBudget = 4;

    public static readonly TimeSpan RefusalWindow = TimeSpan.FromSeconds(2);

    // The silos are configured on threads of their own, at the same time: every use of these lists takes the lock
    // (an unguarded Add once lost a silo's store, and with it the count of its transactions).
    private readonly Lock _silos = new();
    private readonly List<CountingAuditStore> _stores = [];
    private readonly List<AppendCallCounter> _appendCalls = [];

    /// <summary>The log the silos share.</summary>
    public IAuditStore Store
    {
        get
        {
            lock (_silos)
            {
                return _stores[0];
            }
        }
    }

    /// <summary>The append transactions of every silo so far.</summary>
    public int AppendTransactions
    {
        get
        {
            lock (_silos)
            {
                return _stores.Sum(s => s.Appends);
            }
        }
    }

    /// <summary>The calls to <see cref="IAuditGrain.Append"/> that reached a silo so far.</summary>
    public long AppendCalls
    {
        get
        {
            lock (_silos)
            {
                return _appendCalls.Sum(c => c.Calls);
            }
        }
    }

    /// <summary>Holds each silo's next append transaction until the returned source is completed.</summary>
    public TaskCompletionSource HoldNextAppends()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_silos)
        {
            _stores.ForEach(s => s.HoldNext(release.Task));
        }

        return release;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Configure<AuditOptions>(o =>
        {
            o.RefusalWindow = RefusalWindow;
            o.RefusalBudget = RefusalBudget;
        });
        var real = (IAuditStore)services.Last(d => d.ServiceType == typeof(IAuditStore)).ImplementationInstance!;
        var counting = new CountingAuditStore(real);
        var calls = new AppendCallCounter();
        lock (_silos)
        {
            _stores.Add(counting);
            _appendCalls.Add(calls);
        }

        services.AddSingleton<IAuditStore>(counting);
        services.AddSingleton<IIncomingGrainCallFilter>(calls);
    }
}

/// <summary>Counts the calls to <see cref="IAuditGrain.Append"/> as they arrive, before the grain runs them.</summary>
public sealed class AppendCallCounter : IIncomingGrainCallFilter
{
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType == typeof(IAuditGrain) && context.InterfaceMethod.Name == nameof(IAuditGrain.Append))
        {
            Interlocked.Increment(ref _calls);
        }

        return context.Invoke();
    }
}

/// <summary>The real store, counting the append transactions it is asked for; the next one may be held back.</summary>
public sealed class CountingAuditStore(IAuditStore real) : IAuditStore
{
    private int _appends;
    private Task? _hold;

    public int Appends => Volatile.Read(ref _appends);

    public void HoldNext(Task release) => Volatile.Write(ref _hold, release);

    public async Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditRecord> records, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _appends);
        if (Interlocked.Exchange(ref _hold, null) is { } hold)
        {
            await hold;
        }

        return await real.AppendAsync(records, at, cancellationToken);
    }

    public Task<PagedResult<AuditEntry>> QueryAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken = default) =>
        real.QueryAsync(filter, page, cancellationToken);

    public Task<AuditEntry?> GetAsync(long seq, CancellationToken cancellationToken = default) => real.GetAsync(seq, cancellationToken);

    public IAsyncEnumerable<AuditEntry> ReadAsync(AuditFilter filter, CancellationToken cancellationToken = default) =>
        real.ReadAsync(filter, cancellationToken);
}
