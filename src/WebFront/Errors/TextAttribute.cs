using System.ComponentModel.DataAnnotations;

namespace Lector.WebFront.Errors;

/// <summary>
/// A body's text field, checked by the platform's validation as <see cref="RequestValidator.TextProblem"/> checks raw values:
/// its length (after trimming surrounding white space, unless it is <see cref="Prose"/>) in [min, max], and no control
/// characters but tab and line breaks. An absent field counts as empty, so a minimum of 1 makes it required.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextAttribute(int minLength, int maxLength) : ValidationAttribute
{
    /// <summary>A document's text: kept as written (not trimmed), and page breaks (form feeds) allowed.</summary>
    public bool Prose { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var text = value as string ?? "";
        var problem = RequestValidator.TextProblem(Prose ? text : text.Trim(), minLength, maxLength, Prose);
        return problem is null ? ValidationResult.Success : new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null);
    }
}
