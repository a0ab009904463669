using System.Globalization;
using System.Text.Json;
using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Documents;
using Lector.WebFront.Auth;
using Lector.WebFront.OpenApi;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Endpoints;

/// <summary>
/// Server-sent events of a document's progress. The stream long-polls the document's feed grain, so it
/// works from any web front against any silo with no stream provider; the web front only relays and
/// formats. A quiet wait ends in a heartbeat comment; <c>Last-Event-ID</c> resumes after an event, and
/// an <c>event: reset</c> tells a client that events were missed, so it should reload what it shows.
/// The stream ends as soon as what let the caller in does: its session or API token (the stream waits on
/// that grain alongside the feed), or its access to the document (the feed wakes its readers to check again).
/// </summary>
public static class DocumentEventEndpoints
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static void MapDocumentEventEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/documents/{id}/events", Stream).WithSummary("Follow a document's changes (server-sent events)").WithTags("Documents").RequireSignedIn()
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream").ProducesProblems(404);

    private static async Task Stream(string id, HttpContext http, IClusterClient cluster, IOptions<JsonOptions> json)
    {
        if (!DocumentEndpoints.IsDocumentId(id))
        {
            throw LectorException.NotFound("document.not_found");
        }

        var callerId = http.User.UserId();
        var feed = cluster.Grain<IDocumentFeedGrain>(id);
        long? lastEventId = long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : null;

        // The first read checks access before the response starts, so refusals stay problem responses.
        var batch = await feed.Read(callerId, lastEventId, TimeSpan.Zero);
        var snapshot = lastEventId is null ? await cluster.Grain<IDocumentGrain>(id).Get(callerId) : null;

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var writer = new EventWriter(http.Response, json.Value.SerializerOptions);
        await writer.CommentAsync("connected", http.RequestAborted);
        if (snapshot is not null)
        {
            await writer.EventAsync(null, "document", snapshot, http.RequestAborted);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var credentialWatch = StopWhenEndedAsync(http.User.Credential(cluster), stop);
        try
        {
            while (true)
            {
                await writer.BatchAsync(batch, stop.Token);
                batch = await feed.Read(callerId, batch.LastId, Wait).WaitAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away, or its session or token ended.
        }
        catch (LectorException)
        {
            // Access was withdrawn or the document deleted while streaming: the stream ends.
        }
        finally
        {
            await stop.CancelAsync();
            await credentialWatch;
        }
    }

    /// <summary>Cancels <paramref name="stop"/> once the credential ends; a failure to ask ends the stream too, rather than leave it unwatched.</summary>
    private static async Task StopWhenEndedAsync(ICredentialGrain credential, CancellationTokenSource stop)
    {
        try
        {
            while (!await credential.WaitForEnd(Wait).WaitAsync(stop.Token))
            {
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The stream ended first.
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private sealed class EventWriter(HttpResponse response, JsonSerializerOptions options)
    {
        public async Task BatchAsync(DocumentEventBatch batch, CancellationToken cancellationToken)
        {
            if (batch.Reset)
            {
                await EventAsync(batch.LastId, "reset", new { }, cancellationToken);
            }

            foreach (var e in batch.Events)
            {
                object? payload = e.Type switch
                {
                    DocumentEventType.Document => e.Document,
                    DocumentEventType.Audio => e.Audio,
                    DocumentEventType.Job => e.Job,
                    DocumentEventType.Export => e.Export,
                    _ => null,
                };
                await EventAsync(e.Id, JsonNamingPolicy.CamelCase.ConvertName(e.Type.ToString()), payload, cancellationToken);
            }

            if (batch.Events.Count == 0 && !batch.Reset)
            {
                await CommentAsync("heartbeat", cancellationToken);
            }
        }

        public async Task EventAsync(long? id, string type, object? payload, CancellationToken cancellationToken)
        {
            var idLine = id is { } value ? $"id: {value.ToString(CultureInfo.InvariantCulture)}\n" : "";
            await response.WriteAsync($"{idLine}event: {type}\ndata: {JsonSerializer.Serialize(payload, options)}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }

        public async Task CommentAsync(string text, CancellationToken cancellationToken)
        {
            await response.WriteAsync($": {text}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
    }
}
