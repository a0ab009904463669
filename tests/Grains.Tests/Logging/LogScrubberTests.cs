using Lector.Grains.Logging;
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
    [InlineData("Host=db;Username=lector;Password=s3cr3t!pw;Database=lector", "s3cr3t!pw")]
    [InlineData("{\"email\":\"a@b.c\",\"password\":\"correct horse\"}", "correct horse")]
    [InlineData("Cookie: lector_session=QWxhZGRpbjpvcGVuIHNlc2FtZQ; theme=dark", "QWxhZGRpbjpvcGVuIHNlc2FtZQ")]
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
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(captured));
        ScrubbingLoggerProvider.WrapAll(services);
        using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("test");

        logger.LogError(new InvalidOperationException("failed with password=letmein123"), "Calling with {Header}", "Bearer lct_0123456789abcdefghijkl");

        var line = Assert.Single(captured.Lines);
        Assert.DoesNotContain("letmein123", line, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdefghijkl", line, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", line, StringComparison.Ordinal);
    }
}
