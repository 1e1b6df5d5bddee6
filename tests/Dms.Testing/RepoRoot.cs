namespace Dms.Testing;

/// <summary>The repository root (where Dms.sln is), found from the test's output folder.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Dms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dms.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Release or Debug, whichever this test assembly was built in.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Debug{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
}
