using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Lector.WebFront.Errors;

/// <summary>
/// A page number in a route: an integer from 1. Checked by the platform's validation rather than by a route
/// constraint, because the contract answers <c>/pages/x</c> with a <c>validation</c> problem naming
/// <c>number</c>, where a constraint would make it a plain 404.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PageNumberAttribute : ValidationAttribute
{
    /// <summary>The number once validation let it through.</summary>
    public static int Parse(string number) => int.Parse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public override bool IsValid(object? value) =>
        value is string number && int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var page) && page >= 1;

    public override string FormatErrorMessage(string name) => $"Must be an integer from 1 to {int.MaxValue}.";
}
