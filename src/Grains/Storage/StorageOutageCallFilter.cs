using Lector.Abstractions;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Storage;

/// <summary>
/// A grain call that failed because a store is unavailable (its own queries, the blob store, or grain state) ends in a
/// <see cref="StorageUnavailableException"/>, whatever the driver's exception was: callers, the web front included,
/// need no driver to tell an outage from a bug, and the cause stays in this silo's log.
/// </summary>
public sealed partial class StorageOutageCallFilter(ILogger<StorageOutageCallFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not StorageUnavailableException && StorageOutages.Classify(e) is { } outage)
        {
            LogOutage(logger, e, context.InterfaceName, context.MethodName, outage.Code);
            throw outage;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} failed: {Code}")]
    private static partial void LogOutage(ILogger logger, Exception exception, string @interface, string method, string code);
}
