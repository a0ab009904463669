using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;

namespace Lector.WebFront.Errors;

/// <summary>
/// The platform's validation of a handler's typed body and annotated values (<see cref="TextAttribute"/>,
/// <see cref="PageNumberAttribute"/>, <see cref="IValidatableObject"/>), answered as Lector's <c>validation</c> problem.
/// It runs as the innermost filter, after the CSRF check, the admin check, the rate limit and the audit, which see a
/// refused field as they see any refusal of the handler's. The framework's own validation filter would run before them
/// all (a stranger's bad body on an admin route would be a 400, not the 404 of a route that does not exist).
/// </summary>
public static class ValidatedArguments
{
    /// <summary>
    /// Turns the framework's filter off for every endpoint mapped on <paramref name="routes"/>, and refuses to start when
    /// one of them has annotated arguments but does not end its conventions with <see cref="Validated"/>.
    /// </summary>
    public static RouteGroupBuilder ValidateArguments(this RouteGroupBuilder routes)
    {
        routes.DisableValidation();
        ((IEndpointConventionBuilder)routes).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler && !endpoint.Metadata.Contains(Marker)
                && handler.GetParameters().Any(IsAnnotated))
            {
                throw new InvalidOperationException($"{endpoint.DisplayName}: {handler.DeclaringType?.Name}.{handler.Name} has annotated arguments; end its conventions with .Validated().");
            }
        });
        return routes;
    }

    /// <summary>Whether the parameter, or its type's properties, carry rules (only a shallow look: it guards against a forgotten call).</summary>
    private static bool IsAnnotated(ParameterInfo parameter) =>
        parameter.IsDefined(typeof(ValidationAttribute), true)
        || parameter.ParameterType.IsAssignableTo(typeof(IValidatableObject))
        || parameter.ParameterType.GetProperties().Any(p => p.IsDefined(typeof(ValidationAttribute), true));

    /// <summary>Validates the handler's arguments; last in the chain, so that the filters added before it run first.</summary>
    public static RouteHandlerBuilder Validated(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilterFactory(Create).WithMetadata(Marker);

    private static readonly object Marker = new();

    // The validation types are marked for evaluation in .NET 10 (ASP0029); they are the ones the framework's own filter uses.
#pragma warning disable ASP0029
    private static (int Index, IValidatableInfo Info)[] ValidatedParameters(IServiceProvider services, MethodInfo handler)
    {
        var options = services.GetRequiredService<IOptions<ValidationOptions>>().Value;
        return [.. handler.GetParameters()
            .Select((parameter, index) => (Index: index, Info: options.TryGetValidatableParameterInfo(parameter, out var info) ? info : null))
            .Where(p => p.Info is not null)
            .Select(p => (p.Index, p.Info!))];
    }

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var options = context.ApplicationServices.GetRequiredService<IOptions<ValidationOptions>>().Value;
        var validated = ValidatedParameters(context.ApplicationServices, context.MethodInfo);
        return async invocation =>
        {
            var http = invocation.HttpContext;
            ValidateContext? validation = null;
            foreach (var (index, info) in validated)
            {
                if (invocation.Arguments[index] is { } argument)
                {
                    // No services: no rule here asks for one, and a provider costs each context a delegate.
                    var context = new ValidationContext(argument, null, null);
                    if (validation is null)
                    {
                        validation = new ValidateContext { ValidationOptions = options, ValidationContext = context };
                    }
                    else
                    {
                        validation.ValidationContext = context;
                    }

                    await info.ValidateAsync(argument, validation, http.RequestAborted);
                }
            }

            // Fields are named as the serializer writes them ("voice", not the property's "Voice").
            return validation?.ValidationErrors is { Count: > 0 } errors
                ? Problems.Validation(http, errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value, StringComparer.Ordinal))
                : await next(invocation);
        };
    }
#pragma warning restore ASP0029
}
