using System.Reflection;
using System.Text.Json;
using Lector.WebFront.Auth;
using Lector.WebFront.Health;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Lector.WebFront.OpenApi;

/// <summary>
/// The document at <c>/openapi/v1.json</c> (rendered at <c>/api-reference</c>): operation ids, the ways to
/// authenticate, schemas that match what the serializer writes, and the health endpoints, which are not route
/// handlers and so are not described on their own.
/// </summary>
internal static class LectorOpenApi
{
    private const string Bearer = "bearer";
    private const string Session = "session";
    private const string Csrf = "csrf";
    private const string OperationsTag = "Operations";

    public static IServiceCollection AddLectorOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddOperationTransformer(DescribeOperation);
            options.AddSchemaTransformer(MatchSerializer);
        });

    private static async Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // The generator names the request's own scheme and Host header as the server; only configuration may. Unset, the
        // server is the relative "/" (what an absent list means), so clients use the address they read the document from.
        // Paths start with a slash, so the base URL is named without a trailing one.
        var publicBaseUrl = context.ApplicationServices.GetRequiredService<IOptions<WebFrontOptions>>().Value.PublicBaseUrl;
        document.Servers = [new OpenApiServer { Url = string.IsNullOrEmpty(publicBaseUrl) ? "/" : publicBaseUrl.TrimEnd('/') }];
        document.Info.Title = "Lector API";
        document.Info.Description = "Documents to speech. Errors are application/problem+json with a stable `code`; see API.md for the contract.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token from POST /api/tokens. Bearer calls need no CSRF token.",
            },
            [Session] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = LectorAuthenticationHandler.SessionCookie,
                Description = "The session cookie set by POST /api/auth/login.",
            },
            [Csrf] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = CsrfFilter.HeaderName,
                Description = "With the session cookie, state-changing calls echo csrfToken from the login answer or GET /api/auth/csrf.",
            },
        };

        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = OperationsTag });
        var health = await context.GetOrCreateSchemaAsync(typeof(HealthResponse), cancellationToken: cancellationToken);
        document.Paths["/health/live"] = HealthPath("healthLive", "Whether the process runs", "200 while the process runs.", health, canBeUnhealthy: false);
        document.Paths["/health/ready"] = HealthPath("healthReady", "Whether the service can serve requests", "200 when storage, blob store, cluster and speech engines answer; 503 naming the check that failed.", health, canBeUnhealthy: true);
        DescribeBodyRefusals(document);
    }

    /// <summary>Every operation that reads a body may refuse it, whichever way it reads it (see <see cref="Errors.RequestBody"/>).</summary>
    private static void DescribeBodyRefusals(OpenApiDocument document)
    {
        var problem = new OpenApiSchemaReference(nameof(ApiProblem), document);
        var refusals = new Dictionary<string, string>
        {
            ["400"] = "request.malformed_body: the body is not what its Content-Type says, or a field is invalid (validation).",
            ["413"] = "request.too_large: the body is over the server's limit.",
            ["415"] = "request.unsupported_media_type: a content type this operation does not read.",
        };
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).Where(o => o.RequestBody is not null))
        {
            operation.Responses ??= [];
            foreach (var (status, description) in refusals)
            {
                operation.Responses.TryAdd(status, new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType> { [EndpointDescriptions.ProblemContentType] = new() { Schema = problem } },
                });
            }
        }
    }

    /// <summary>An operation id from the handler (<c>DocumentEndpoints.ListPages</c> is <c>documentListPages</c>), and how to authenticate.</summary>
    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<MethodInfo>().FirstOrDefault() is { DeclaringType: { } declaringType } handler)
        {
            operation.OperationId ??= JsonNamingPolicy.CamelCase.ConvertName(declaringType.Name.Replace("Endpoints", "", StringComparison.Ordinal) + handler.Name);
        }

        if (metadata.OfType<SignedInCaller>().Any())
        {
            var session = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Session, context.Document)] = [] };
            if (AccessConventions.ChangesState(context.Description.HttpMethod ?? "GET"))
            {
                session[new OpenApiSecuritySchemeReference(Csrf, context.Document)] = [];
            }

            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }, session];
        }
        else
        {
            // Said outright: anyone may call it.
            operation.Security = [];
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Null properties are left out of answers (<see cref="System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull"/>), so
    /// they are never required; numbers are written as numbers, even though requests may also send them as strings.
    /// </summary>
    private static Task MatchSerializer(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Required is { } required)
        {
            foreach (var property in context.JsonTypeInfo.Properties.Where(p => p.IsGetNullable))
            {
                required.Remove(property.Name);
            }
        }

        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }

    private static OpenApiPathItem HealthPath(string operationId, string summary, string description, IOpenApiSchema health, bool canBeUnhealthy)
    {
        var responses = new OpenApiResponses { ["200"] = HealthResponse("Healthy.", health) };
        if (canBeUnhealthy)
        {
            responses["503"] = HealthResponse("A check failed; it is named in checks.", health);
        }

        var operation = new OpenApiOperation
        {
            OperationId = operationId,
            Summary = summary,
            Description = description,
            Security = [],
            Tags = new HashSet<OpenApiTagReference> { new("Operations") },
            Responses = responses,
        };
        return new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }

    private static OpenApiResponse HealthResponse(string description, IOpenApiSchema health) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = health } },
    };
}
