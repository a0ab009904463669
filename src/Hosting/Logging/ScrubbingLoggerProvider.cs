namespace Lector.Hosting.Logging;

/// <summary>
/// Wraps a logger provider so everything it writes passes through <see cref="LogScrubber"/>: the message, the
/// exception, the structured values of the entry and of its scopes (which JSON and OpenTelemetry sinks write as
/// they are, apart from the message).
/// </summary>
public sealed class ScrubbingLoggerProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new ScrubbingLogger(inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(new ScrubbingScopeProvider(scopeProvider));
        }
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Replaces every registered logger provider with a scrubbing wrapper; call after all providers are added.</summary>
    public static void WrapAll(IServiceCollection services)
    {
        var registrations = services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList();
        foreach (var registration in registrations)
        {
            services.Remove(registration);
            services.AddSingleton<ILoggerProvider>(provider => new ScrubbingLoggerProvider(Create(provider, registration)));
        }
    }

    private static ILoggerProvider Create(IServiceProvider provider, ServiceDescriptor registration) => registration switch
    {
        { ImplementationInstance: ILoggerProvider instance } => instance,
        { ImplementationFactory: { } factory } => (ILoggerProvider)factory(provider),
        { ImplementationType: { } type } => (ILoggerProvider)ActivatorUtilities.CreateInstance(provider, type),
        _ => throw new InvalidOperationException("Unsupported logger provider registration."),
    };

    private sealed class ScrubbingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(ScrubbedLogState.OfScope(state)!);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var scrubbed = exception is null ? null : new ScrubbedException(exception);
            inner.Log(logLevel, eventId, ScrubbedLogState.Of(state, () => formatter(state, exception)), scrubbed, (s, _) => s.ToString());
        }
    }

    /// <summary>Hands the sink each scope's state scrubbed; scopes are pushed (and kept) as they were.</summary>
    private sealed class ScrubbingScopeProvider(IExternalScopeProvider inner) : IExternalScopeProvider
    {
        public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
            inner.ForEachScope((scope, s) => callback(ScrubbedLogState.OfScope(scope), s), state);

        public IDisposable Push(object? state) => inner.Push(state);
    }

    /// <summary>Stands in for a logged exception: same type name and stack, text scrubbed.</summary>
    private sealed class ScrubbedException(Exception original) : Exception(LogScrubber.Scrub(original.Message))
    {
        public override string? StackTrace => original.StackTrace;

        public override string ToString() => LogScrubber.Scrub(original.ToString());
    }
}
