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

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<AuditOptions>(o =>
        {
            o.RefusalWindow = RefusalWindow;
            o.RefusalBudget = RefusalBudget;
        });
}
