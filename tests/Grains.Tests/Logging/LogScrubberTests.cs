using Lector.Hosting.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Tests.Logging;

public sealed class LogScrubberTests
{
    [Theory]
    [InlineData("key AKIAIOSFODNN7EXAMPLE used", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("Authorization: Bearer lct_abcdefghijklmnopqrstuvwxyz012345", "abcdefghijklmnopqrstuvwxyz012345")]
    [InlineData("token lct_Q2xhdWRlIHdhcyBoZXJlIGFuZCBsZWZ0", "Q2xhdWRlIHdhcyBoZXJlIGFuZCBsZWZ0")]
    [InlineData("Request starting HTTP/1.1 GET http://127.0.0.1:5000/listen/lnk_Zm9vYmFyLWJhei1xdXV4LTAxMjM0NTY3ODk - -", "Zm9vYmFyLWJhei1xdXV4LTAxMjM0NTY3ODk")]
    [InlineData("GET /api/public/lnk_a-b_cdefghijklmnopqrstuv/pages/2/audio/content", "a-b_cdefghijklmnopqrstuv")]
    [InlineData("Host=db;Username=lector;Password=s3cr3t!pw;Database=lector", "s3cr3t!pw")]
    [InlineData("{\"email\":\"a@b.c\",\"password\":\"correct horse\"}", "correct horse")]
    [InlineData("Cookie: lector_session=QWxhZGRpbjpvcGVuIHNlc2FtZQ; theme=dark", "QWxhZGRpbjpvcGVuIHNlc2FtZQ")]
    [InlineData("Signed in as ada.lovelace@example.org", "ada.lovelace")]
    [InlineData("GET /api/x?email=ada.lovelace%40example.org", "ada.lovelace")]
    [InlineData("Registered ａｄａ＠example.org", "ａｄａ")]
    [InlineData("Credential=AKIDEXAMPLE/20261129/us-east-1/polly/aws4_request, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")]
    public void Secrets_are_masked(string line, string secret)
    {
        var scrubbed = LogScrubber.Scrub(line);

        Assert.DoesNotContain(secret, scrubbed, StringComparison.Ordinal);
        Assert.Contains(LogScrubber.Mask, scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_text_is_left_alone()
    {
        const string line = "Synthesis of 3f2a/1/local:en-us failed with speech.timeout after 120 s";

        Assert.Equal(line, LogScrubber.Scrub(line));
    }

    [Fact]
    public void Wrapped_providers_scrub_messages_and_exceptions()
    {
        var captured = new CapturingLoggerProvider();
        using var provider = Wrapped(captured);
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("test");

        logger.LogError(new InvalidOperationException("failed with password=letmein123"), "Calling with {Header}", "Bearer lct_0123456789abcdefghijkl");

        var line = Assert.Single(captured.Lines);
        Assert.DoesNotContain("letmein123", line, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdefghijkl", line, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Structured_values_and_scopes_reach_the_sink_scrubbed_with_their_names_and_plain_types_kept()
    {
        var sink = new StateCapturingProvider();
        using var provider = Wrapped(sink);
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("test");

        using (logger.BeginScope(new Dictionary<string, object?> { ["Caller"] = "ada@example.org", ["Attempt"] = 3 }))
        {
            logger.LogWarning("Sign-in of {Email} with {Header} after {Attempts} tries ({Uri})", "ada@example.org", "Bearer lct_0123456789abcdefghijkl", 4, new Uri("https://h.example/?token=s3cr3tvalue"));
        }

        var (state, scopes) = Assert.Single(sink.Entries);
        var values = state.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("***@example.org", values["Email"]);
        Assert.Equal("Bearer ***", values["Header"]);
        Assert.Equal(4, values["Attempts"]);
        Assert.DoesNotContain("s3cr3tvalue", (string)values["Uri"]!, StringComparison.Ordinal);
        Assert.Equal("Sign-in of {Email} with {Header} after {Attempts} tries ({Uri})", values["{OriginalFormat}"]);
        Assert.DoesNotContain("ada@", state.ToString(), StringComparison.Ordinal);
        var scope = Assert.Single(scopes).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("***@example.org", scope["Caller"]);
        Assert.Equal(3, scope["Attempt"]);
    }

    /// <summary>Logging with <paramref name="sink"/> wrapped as the host wraps every provider.</summary>
    private static ServiceProvider Wrapped(ILoggerProvider sink)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(sink));
        ScrubbingLoggerProvider.WrapAll(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Keeps each entry's state and scopes as a structured sink (JSON console, OpenTelemetry) receives them.</summary>
    private sealed class StateCapturingProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public List<(IReadOnlyList<KeyValuePair<string, object?>> State, List<IReadOnlyList<KeyValuePair<string, object?>>> Scopes)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(StateCapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<IReadOnlyList<KeyValuePair<string, object?>>>();
                owner._scopes?.ForEachScope((scope, list) => list.Add(Assert.IsAssignableFrom<IReadOnlyList<KeyValuePair<string, object?>>>(scope)), scopes);
                owner.Entries.Add((Assert.IsAssignableFrom<IReadOnlyList<KeyValuePair<string, object?>>>(state), scopes));
            }
        }
    }
}
