namespace Lector.Testing;

/// <summary>An error answer of the Polly fake: the HTTP status, Polly's error type and a message like the real one.</summary>
internal sealed class PollyFakeError(int status, string type, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type;

    public static PollyFakeError Validation(string message) => new(400, "ValidationException", message);
}
