using Lector.WebFront.OpenApi;

namespace Lector.WebFront.Auth;

/// <summary>
/// Who may call an endpoint. Each rule also declares the refusal it answers, so the OpenAPI document lists that
/// refusal on exactly the endpoints the rule guards.
/// </summary>
public static class AccessConventions
{
    /// <summary>Signed-in callers only (session cookie or bearer token); anyone else gets 401.</summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization()
            .WithMetadata(SignedInCaller.Instance, EndpointDescriptions.Problem(StatusCodes.Status401Unauthorized));

    /// <summary>Administrators only; anyone else, signed in or not, gets the 404 of a route that does not exist.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AdminOnlyFilter>()
            .WithMetadata(SignedInCaller.Instance, EndpointDescriptions.Problem(StatusCodes.Status404NotFound));

    /// <summary>Cookie-authenticated state-changing calls must echo the session's CSRF token (<see cref="CsrfFilter"/>), 403 otherwise.</summary>
    public static TBuilder RequireCsrfToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter<TBuilder, CsrfFilter>();
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).Any(ChangesState))
            {
                endpoint.Metadata.Add(EndpointDescriptions.Problem(StatusCodes.Status403Forbidden));
            }
        });
        return builder;
    }

    /// <summary>Whether a call with this method needs the CSRF token when it comes with the session cookie.</summary>
    public static bool ChangesState(string httpMethod) => !HttpMethods.IsGet(httpMethod) && !HttpMethods.IsHead(httpMethod);
}

/// <summary>Marks an endpoint that acts for a signed-in caller, so the OpenAPI document says how to authenticate.</summary>
public sealed class SignedInCaller
{
    public static readonly SignedInCaller Instance = new();

    private SignedInCaller()
    {
    }
}
