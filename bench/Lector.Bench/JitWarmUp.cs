using System.Runtime;

namespace Lector.Bench;

/// <summary>
/// Warm-up until the JIT is done: tiered compilation keeps recompiling a large app's code long after it starts serving
/// (code that runs once per racing burst, or on a timer, is recompiled only after some dozens of calls), while a bare
/// endpoint's little code settles at once. Timing before then would compare compilation with serving.
/// </summary>
/// <remarks>
/// Quiet is judged by compile time, not by methods: in one racing run, rounds that compiled fewer than 20 methods came
/// two in a row after 38 bursts, yet the 25 timed bursts after them still met 100-150 ms of compiling; after rounds
/// were below <see cref="QuietRoundCompiling"/> five times in a row (77 bursts), they met 13 ms.
/// </remarks>
public static class JitWarmUp
{
    /// <summary>A round whose compiling (in the whole process) took less than this leaves the JIT quiet.</summary>
    public static readonly TimeSpan QuietRoundCompiling = TimeSpan.FromMilliseconds(5);

    /// <summary>This many quiet rounds in a row end the warm-up.</summary>
    public const int QuietRounds = 5;

    /// <summary>Runs rounds until <see cref="QuietRounds"/> in a row were quiet (or <paramref name="maxRounds"/> ran); answers how many ran.</summary>
    public static async Task<int> RunAsync(Func<Task> round, int maxRounds)
    {
        var rounds = 0;
        for (var quietRounds = 0; quietRounds < QuietRounds && rounds < maxRounds; rounds++)
        {
            var compiling = JitInfo.GetCompilationTime();
            await round();
            quietRounds = JitInfo.GetCompilationTime() - compiling < QuietRoundCompiling ? quietRounds + 1 : 0;
        }

        return rounds;
    }

    /// <summary>How the notes say it, and whether the JIT went quiet or the rounds ran out first.</summary>
    public static string Describe(int rounds, int maxRounds, string round) =>
        $"after {rounds} untimed {round} each ({(rounds < maxRounds ? "until" : "the most allowed; the JIT had not had")} {QuietRounds} in a row that compiled for less than {QuietRoundCompiling.TotalMilliseconds:0} ms)";
}
