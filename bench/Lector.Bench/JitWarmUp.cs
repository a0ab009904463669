using System.Runtime;

namespace Lector.Bench;

/// <summary>
/// Warm-up until the JIT is done: tiered compilation keeps recompiling a large app's hot code for many seconds after
/// it starts serving (a dozen racing bursts, more than a listing's fixed warm-up), while a bare endpoint's little code
/// settles at once. Timing before then would compare compilation with serving.
/// </summary>
public static class JitWarmUp
{
    /// <summary>A round that compiles fewer methods than this leaves the JIT quiet.</summary>
    public const int QuietRoundMethods = 20;

    /// <summary>Runs rounds until two in a row compiled fewer than <see cref="QuietRoundMethods"/> methods (or <paramref name="maxRounds"/> ran); answers how many ran.</summary>
    public static async Task<int> RunAsync(Func<Task> round, int maxRounds)
    {
        var rounds = 0;
        for (var quietRounds = 0; quietRounds < 2 && rounds < maxRounds; rounds++)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            await round();
            quietRounds = JitInfo.GetCompiledMethodCount() - compiled < QuietRoundMethods ? quietRounds + 1 : 0;
        }

        return rounds;
    }

    /// <summary>How the notes say it, and whether the JIT went quiet or the rounds ran out first.</summary>
    public static string Describe(int rounds, int maxRounds, string round) =>
        $"after {rounds} untimed {round} each ({(rounds < maxRounds ? "until" : "the most allowed; the JIT had not had")} two in a row compiled fewer than {QuietRoundMethods} methods)";
}
