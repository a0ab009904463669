using Microsoft.OpenApi;

namespace Lector.WebFront.OpenApi;

/// <summary>
/// What the OpenAPI document cannot infer from handlers that return <see cref="IResult"/>: the problem answers,
/// audio bytes, the upload form and query values a handler reads itself.
/// </summary>
public static class EndpointDescriptions
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Declares refusals answered as <see cref="ApiProblem"/>, one per status code.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var statusCode in statusCodes)
        {
            builder.WithMetadata(Problem(statusCode));
        }

        return builder;
    }

    /// <summary>The metadata of one problem answer, for conventions that add it to endpoints themselves.</summary>
    public static ProducesResponseTypeMetadata Problem(int statusCode) =>
        new(statusCode, typeof(ApiProblem), [ProblemContentType]);

    /// <summary>Speech audio bytes (MP3 or Ogg), as <see cref="ProducesAudio(RouteHandlerBuilder, string, string[])"/>.</summary>
    public static RouteHandlerBuilder ProducesAudio(this RouteHandlerBuilder builder) => builder.ProducesAudio("audio/mpeg", "audio/ogg");

    /// <summary>
    /// Audio bytes of these types (all of them, or the requested range), or a redirect to the blob store's short-lived
    /// URL. The redirect is said in words, not as a 302 answer: HTTP clients follow it by themselves, and client
    /// generators take an operation with a bodiless success answer for one that returns nothing.
    /// </summary>
    public static RouteHandlerBuilder ProducesAudio(this RouteHandlerBuilder builder, string contentType, params string[] additionalContentTypes) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentType, additionalContentTypes)
            .Produces<Stream>(StatusCodes.Status206PartialContent, contentType, additionalContentTypes)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Description = "Where the blob store hands out short-lived URLs (S3), the answer is a 302 redirect to one instead.";

                // Bytes, said inline: as a reference to a shared component, client generators take them for a model to parse.
                var successes = operation.Responses?.Where(r => r.Key[0] == '2').Select(r => r.Value) ?? [];
                foreach (var media in successes.SelectMany(r => r.Content?.Values ?? []))
                {
                    if (media.Schema is OpenApiSchemaReference)
                    {
                        media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                    }
                }

                return Task.CompletedTask;
            });

    /// <summary>A multipart upload the handler reads itself: <paramref name="fileField"/> is required, <paramref name="textFields"/> optional.</summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder builder, string fileField, params string[] textFields) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var form = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema> { [fileField] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                Required = new HashSet<string> { fileField },
            };
            foreach (var field in textFields)
            {
                form.Properties[field] = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            RequestContent(operation)["multipart/form-data"] = new OpenApiMediaType { Schema = form };
            return Task.CompletedTask;
        });

    /// <summary>The <c>page</c> and <c>pageSize</c> query values of a paged list (validated: 400 when out of range).</summary>
    public static RouteHandlerBuilder Paged(this RouteHandlerBuilder builder) =>
        builder.WithQueryParameter("page", JsonSchemaType.Integer, "1 or more; default 1.")
            .WithQueryParameter("pageSize", JsonSchemaType.Integer, "1 to 100; default 20.");

    /// <summary>An optional query value the handler reads from the request itself.</summary>
    public static RouteHandlerBuilder WithQueryParameter(this RouteHandlerBuilder builder, string name, JsonSchemaType type, string description, string? format = null) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = new OpenApiSchema { Type = type, Format = format },
            });
            return Task.CompletedTask;
        });

    private static IDictionary<string, OpenApiMediaType> RequestContent(OpenApiOperation operation)
    {
        var body = operation.RequestBody as OpenApiRequestBody ?? new OpenApiRequestBody { Required = true };
        operation.RequestBody = body;
        return body.Content ??= new Dictionary<string, OpenApiMediaType>();
    }
}

/// <summary>
/// The body of every refusal as the OpenAPI document shows it: RFC 9457 problem details with Lector's stable
/// <c>code</c> and a <c>traceId</c>; <c>errors</c> (field to messages) only on validation failures. Responses are
/// built by <see cref="Errors.Problems"/>; this type only describes them.
/// </summary>
public sealed record ApiProblem(
    string Type,
    string Title,
    int Status,
    string Detail,
    string Code,
    string TraceId,
    IReadOnlyDictionary<string, string[]>? Errors);
