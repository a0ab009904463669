using Lector.Grains;
using Lector.Silo;

// A wrong or missing setting ends the start with one line that names it (and an exit code of its own), not a stack trace.
try
{
    await LectorHost.Build(args).RunAsync();
    return 0;
}
catch (Exception e) when (SettingException.Find(e) is { } problem)
{
    await Console.Error.WriteLineAsync($"lector: setting: {problem}");
    return 2;
}
