using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.WebFront.Audit;
using Lector.WebFront.Errors;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Auth;

/// <summary>Admin endpoints answer 404 to everyone else, signed in or not, so they cannot be found by probing.</summary>
public sealed class AdminOnlyFilter(IClusterClient cluster, IOptionsMonitor<AuthOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true
            && await cluster.Grain<IUserGrain>(http.User.UserId()).GetProfile() is { } profile
            && options.CurrentValue.IsAdmin(profile.Email))
        {
            return await next(context);
        }

        Refusals.Record(http, Refusals.AdminOnly);
        return Problems.Create(http, StatusCodes.Status404NotFound, "not_found");
    }
}
