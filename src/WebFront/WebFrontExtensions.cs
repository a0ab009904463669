using System.Text.Json;
using System.Text.Json.Serialization;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Batching;
using Lector.WebFront.Caching;
using Lector.WebFront.Endpoints;
using Lector.WebFront.Errors;
using Lector.WebFront.Health;
using Lector.WebFront.Json;
using Lector.WebFront.Limits;
using Lector.WebFront.OpenApi;
using Lector.WebFront.Security;
using Lector.WebFront.Ui;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace Lector.WebFront;

/// <summary>The HTTP front: maps requests to grain calls and grain answers back to HTTP.</summary>
public static class WebFrontExtensions
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddLectorWebFront(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddTrustedProxies(configuration);
        services.AddOptions<WebFrontOptions>().BindConfiguration(WebFrontOptions.Section)
            .Validate(o => o.IsValid(), $"{WebFrontOptions.Section}:{nameof(WebFrontOptions.PublicBaseUrl)} must be an absolute http or https URL without user info, query or fragment.")
            .ValidateOnStart();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, LectorJsonContext.Default);
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton<CachedCredentials>();
        services.AddSingleton<ClusterRateLimiter>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<PageAudioRequests>();
        services.AddSingleton<LibraryPageCache>();
        services.AddHostedService(sp => sp.GetRequiredService<CachedCredentials>());
        services.AddTransient<LectorAuthenticationHandler>();
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = LectorAuthenticationHandler.SchemeName;
            o.AddScheme<LectorAuthenticationHandler>(LectorAuthenticationHandler.SchemeName, displayName: null);
        });
        services.AddAuthorization();
        services.AddRequestHeadLimits();
        // Typed bodies are checked by the platform's validation (data annotations): see ValidatedArguments.
        services.AddValidation();
        services.AddProblemDetails();
        services.AddExceptionHandler<LectorExceptionHandler>();
        services.AddLectorOpenApi();
        return services.AddLectorHealthChecks();
    }

    /// <summary>
    /// The readiness checks alone, for a process that serves no web front (a silo-only host). The host registers the
    /// <c>IBlobStore</c> the blob check reads.
    /// </summary>
    public static IServiceCollection AddLectorHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ClusterStorageHealthCheck>("cluster-storage", tags: [ReadyTag])
            .AddCheck<BlobStoreHealthCheck>("blob-store", tags: [ReadyTag])
            .AddCheck<SpeechEnginesHealthCheck>("speech-engines", tags: [ReadyTag]);
        return services;
    }

    /// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (cluster, storage, blobs and speech work).</summary>
    public static WebApplication MapLectorHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync });
        return app;
    }

    public static WebApplication MapLectorWebFront(this WebApplication app)
    {
        // First, so everything after (limits, audit, cookies) sees the client a trusted proxy forwarded.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();

        // Every error answer without a body (routing's 404 and 405, the framework's 415, a challenge's 401) gets one.
        app.UseStatusCodePages(context => Problems.ForStatus(context.HttpContext, context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
        app.UseRequestHeadLimits();
        app.UseLectorUi();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference(SecurityHeaders.ApiReferencePath, o => o.WithTitle("Lector API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapLectorHealthChecks();

        var api = app.MapGroup("").ValidateArguments();
        api.MapAuthEndpoints();
        api.MapTokenEndpoints();
        api.MapVoiceEndpoints();
        api.MapDocumentEndpoints();
        api.MapAudioEndpoints();
        api.MapDocumentAudioEndpoints();
        api.MapExportEndpoints();
        api.MapPodcastEndpoints();
        api.MapDocumentEventEndpoints();
        api.MapSharingEndpoints();
        api.MapPublicLinkEndpoints();
        api.MapPublicReadingEndpoints();
        api.MapNotificationEndpoints();
        api.MapLexiconEndpoints();
        api.MapAdminEndpoints();
        return app;
    }
}
