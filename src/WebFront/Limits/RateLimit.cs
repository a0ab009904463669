using System.Globalization;
using Lector.Abstractions.Limits;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.OpenApi;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Limits;

/// <summary>Endpoint filters that count requests in cluster-wide rate-limit grains and answer 429 with Retry-After.</summary>
public static class RateLimit
{
    /// <summary>Limits an authenticated endpoint per user under the named policy (429 past the limit).</summary>
    public static TBuilder RateLimitedPerUser<TBuilder>(this TBuilder builder, string policy, Func<RateLimitOptions, RateLimitPolicy> select)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblems(StatusCodes.Status429TooManyRequests).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var limits = select(http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue);
            var decision = await http.RequestServices.GetRequiredService<IClusterClient>()
                .GetGrain<IRateLimitGrain>($"{policy}/{http.User.UserId()}")
                .TryAcquire(limits.Limit, TimeSpan.FromSeconds(limits.WindowSeconds));
            return decision.Allowed ? await next(context) : TooManyRequests(http, decision);
        });

    public static IResult TooManyRequests(HttpContext http, LimitDecision decision)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Create(http, StatusCodes.Status429TooManyRequests, "rate_limited");
    }
}
