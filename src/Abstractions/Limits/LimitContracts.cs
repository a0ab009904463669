namespace Lector.Abstractions.Limits;

/// <summary>Whether an action may go ahead now, and if not, how long to wait.</summary>
[GenerateSerializer, Alias("Lector.LimitDecision")]
public sealed record LimitDecision([property: Id(0)] bool Allowed, [property: Id(1)] TimeSpan RetryAfter)
{
    public static LimitDecision Allow { get; } = new(true, TimeSpan.Zero);
}

/// <summary>How many of the permits asked for were granted, and for the others how long to wait.</summary>
[GenerateSerializer, Alias("Lector.LimitGrant"), Immutable]
public sealed record LimitGrant([property: Id(0)] int Granted, [property: Id(1)] TimeSpan RetryAfter);
