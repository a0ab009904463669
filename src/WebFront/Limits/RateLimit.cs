using System.Globalization;
using Lector.WebFront.Audit;
using Lector.WebFront.Auth;
using Lector.WebFront.Errors;
using Lector.WebFront.OpenApi;
using Lector.WebFront.Security;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Limits;

/// <summary>Endpoint filters that count requests in cluster-wide rate-limit grains (through <see cref="ClusterRateLimiter"/>) and answer 429 with Retry-After.</summary>
public static class RateLimit
{
    /// <summary>Limits an authenticated endpoint per user under the named policy (429 past the limit).</summary>
    public static TBuilder RateLimitedPerUser<TBuilder>(this TBuilder builder, string policy, Func<RateLimitOptions, RateLimitPolicy> select)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RateLimited(policy, select, http => http.User.UserId());

    /// <summary>Limits an endpoint per client address (an IPv6 client per /64) under the named policy (429 past the limit).</summary>
    public static TBuilder RateLimitedPerClient<TBuilder>(this TBuilder builder, string policy, Func<RateLimitOptions, RateLimitPolicy> select)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RateLimited(policy, select, http => http.ClientPartition());

    /// <summary>The 429 of a rate limit or throttle, recorded as a refusal.</summary>
    public static IResult TooManyRequests(HttpContext http, TimeSpan retryAfter)
    {
        Refusals.Record(http, Refusals.RateLimited);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Create(http, StatusCodes.Status429TooManyRequests, "rate_limited");
    }

    private static TBuilder RateLimited<TBuilder>(this TBuilder builder, string policy, Func<RateLimitOptions, RateLimitPolicy> select, Func<HttpContext, string> partition)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblems(StatusCodes.Status429TooManyRequests).AddEndpointFilterFactory((endpoint, next) =>
        {
            // Both are singletons: found once per endpoint, not once per request.
            var options = endpoint.ApplicationServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>();
            var limiter = endpoint.ApplicationServices.GetRequiredService<ClusterRateLimiter>();
            return async context =>
            {
                var http = context.HttpContext;
                var limits = select(options.CurrentValue);
                var decision = await limiter.AcquireAsync($"{policy}/{partition(http)}", limits.Limit, TimeSpan.FromSeconds(limits.WindowSeconds));
                return decision.Allowed ? await next(context) : TooManyRequests(http, decision.RetryAfter);
            };
        });
}
