using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Speech.Polly;

/// <summary>
/// Polly's rest-json API on an <see cref="HttpClient"/> whose handler signs with SigV4. Every failure leaves
/// as a classified <see cref="SpeechException"/>; provider messages are neither kept nor logged.
/// </summary>
public sealed partial class PollyClient(HttpClient http, ILogger<PollyClient> logger) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<PollyVoicePage> DescribeVoicesAsync(string? nextToken, CancellationToken cancellationToken)
    {
        var uri = nextToken is null ? "v1/voices" : $"v1/voices?NextToken={Uri.EscapeDataString(nextToken)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var (body, _) = await SendAsync(request, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<PollyVoicePage>(body, Json) ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw PollyErrors.Permanent(PollyErrors.BadOutput, "The speech service gave an unreadable voice list.");
        }
    }

    /// <summary>The audio (or speech-mark lines) and the characters Polly billed for them.</summary>
    public async Task<(byte[] Body, int BilledCharacters)> SynthesizeSpeechAsync(PollySpeechRequest speech, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/speech")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(speech, Json)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await SendAsync(request, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private async Task<(byte[] Body, int BilledCharacters)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        byte[] body;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw PollyErrors.Transient(PollyErrors.Timeout, "The speech service did not answer in time.", e);
        }
        catch (HttpRequestException e)
        {
            response?.Dispose();
            LogTransportFailure(logger, e.HttpRequestError);
            throw PollyErrors.Transient(PollyErrors.ProviderUnreachable, "The speech service could not be reached.", e);
        }
        catch (AmazonClientException e)
        {
            // Signing failed before anything was sent: no credentials could be resolved. Operators need to know;
            // the exception's own text stays out of the log because it may describe the credential sources.
            LogCredentialsUnavailable(logger, e.GetType().Name);
            throw PollyErrors.AuthenticationFailed();
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var billed = response.Headers.TryGetValues("x-amzn-RequestCharacters", out var values)
                    && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var characters)
                        ? characters
                        : 0;
                return (body, billed);
            }

            var code = PollyErrors.ReadCode(response, body);
            var error = PollyErrors.Classify(response.StatusCode, code);
            var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? SafeId(ids.FirstOrDefault()) : null;
            if (error.Code == PollyErrors.AuthFailed)
            {
                LogAuthenticationRejected(logger, (int)response.StatusCode, code, requestId);
            }
            else
            {
                LogRequestFailed(logger, (int)response.StatusCode, code, error.Code, requestId);
            }

            throw error;
        }
    }

    private static string? SafeId(string? id) => id is null ? null : new string([.. id.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(64)]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polly answered {Status} {ProviderCode}, classified as {Code} (request {RequestId})")]
    private static partial void LogRequestFailed(ILogger logger, int status, string? providerCode, string code, string? requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Polly rejected our credentials or signature: {Status} {ProviderCode} (request {RequestId}); check the AWS credentials of the silo")]
    private static partial void LogAuthenticationRejected(ILogger logger, int status, string? providerCode, string? requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "No AWS credentials could be resolved for Polly ({ExceptionType}); configure the SDK's credential chain")]
    private static partial void LogCredentialsUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polly could not be reached ({Error})")]
    private static partial void LogTransportFailure(ILogger logger, HttpRequestError error);
}

/// <summary>The body of <c>POST /v1/speech</c>; property names are Polly's.</summary>
public sealed record PollySpeechRequest(
    string Engine,
    string OutputFormat,
    string Text,
    string TextType,
    string VoiceId,
    string? SampleRate = null,
    IReadOnlyList<string>? SpeechMarkTypes = null);

/// <summary>One page of <c>GET /v1/voices</c>.</summary>
public sealed record PollyVoicePage(IReadOnlyList<PollyVoice>? Voices, string? NextToken);

public sealed record PollyVoice(string Id, string? Name, string? Gender, string? LanguageCode, IReadOnlyList<string>? SupportedEngines);
