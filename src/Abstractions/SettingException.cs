namespace Lector.Abstractions;

/// <summary>
/// A setting that is missing, misspelt or out of range. The message names the key and what it accepts, in one line:
/// the host prints it and exits (see the Silo's Program) rather than failing later with a stack trace.
/// </summary>
public sealed class SettingException(string message) : Exception(message)
{
    /// <summary>The setting problem somewhere in <paramref name="exception"/>'s chain (start-up wraps what it catches), or null.</summary>
    public static string? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SettingException setting:
                    return setting.Message;
                case Microsoft.Extensions.Options.OptionsValidationException validation:
                    return string.Join("; ", validation.Failures);
                case AggregateException { InnerExceptions.Count: > 0 } aggregate when Find(aggregate.InnerExceptions[0]) is { } inner:
                    return inner;
            }
        }

        return null;
    }
}
