using System.Collections;
using System.Globalization;

namespace Lector.Hosting.Logging;

/// <summary>
/// A log entry's or scope's structured state with every value passed through <see cref="LogScrubber"/>, for sinks
/// that write values rather than the formatted message (JSON console, OpenTelemetry). Numbers, times, ids and
/// flags stay as they are; the message template (<c>{OriginalFormat}</c>) is the code's own text and stays too.
/// </summary>
internal sealed class ScrubbedLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";

    private readonly KeyValuePair<string, object?>[] _values;
    private readonly Lazy<string> _message;

    private ScrubbedLogState(KeyValuePair<string, object?>[] values, Func<string> message)
    {
        _values = values;
        _message = new Lazy<string>(() => LogScrubber.Scrub(message()), LazyThreadSafetyMode.None);
    }

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    /// <summary>The state of a log call; <paramref name="message"/> formats the original, and is scrubbed when first asked.</summary>
    public static ScrubbedLogState Of(object? state, Func<string> message) =>
        new(state is IEnumerable<KeyValuePair<string, object?>> values ? [.. values.Select(Scrubbed)] : [], message);

    /// <summary>A scope's state, in the shape sinks expect: a list of values stays a list, anything else becomes scrubbed text.</summary>
    public static object? OfScope(object? scope) => scope switch
    {
        null => null,
        IEnumerable<KeyValuePair<string, object?>> => Of(scope, () => scope.ToString() ?? ""),
        _ => LogScrubber.Scrub(Convert.ToString(scope, CultureInfo.InvariantCulture) ?? ""),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _message.Value;

    private static KeyValuePair<string, object?> Scrubbed(KeyValuePair<string, object?> value) =>
        value.Key == OriginalFormat ? value : new(value.Key, ScrubbedValue(value.Value));

    private static object? ScrubbedValue(object? value) => value switch
    {
        null => null,
        string text => LogScrubber.Scrub(text),
        bool or char or Enum or Guid or DateTime or DateTimeOffset or TimeSpan or DateOnly or TimeOnly => value,
        _ when value.GetType().IsPrimitive || value is decimal => value,
        IEnumerable<string> texts => texts.Select(LogScrubber.Scrub).ToArray(),
        _ => LogScrubber.Scrub(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };
}
