namespace Lector.Testing;

/// <summary>Finds files of this repository from a test's output directory.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The built host, from the same configuration as the running tests.</summary>
    public static string SiloAssembly => Path.Combine(Root, "src", "Silo", "bin", Configuration, "net10.0", "Lector.Silo.dll");

    /// <summary>The built web front program (the front role alone), from the same configuration as the running tests.</summary>
    public static string FrontAssembly => Path.Combine(Root, "src", "Front", "bin", Configuration, "net10.0", "Lector.Front.dll");

    /// <summary>The built benchmark harness, from the same configuration as the running tests.</summary>
    public static string BenchAssembly => Path.Combine(Root, "bench", "Lector.Bench", "bin", Configuration, "net10.0", "Lector.Bench.dll");

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lector.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Lector.slnx not found above the test output directory.");
    }
}
