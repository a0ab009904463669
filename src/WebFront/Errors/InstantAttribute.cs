using System.ComponentModel.DataAnnotations;

namespace Lector.WebFront.Errors;

/// <summary>An optional instant in a JSON body, written as ISO 8601 (see <see cref="RequestValidator.TryParseInstant"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class InstantAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string { Length: > 0 } raw || RequestValidator.TryParseInstant(raw, out _)
            ? ValidationResult.Success
            : new ValidationResult(RequestValidator.InstantProblem, validationContext.MemberName is { } member ? [member] : null);
}
