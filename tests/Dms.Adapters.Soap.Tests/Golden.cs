namespace Dms.Adapters.Soap.Tests;

/// <summary>
/// Checked-in copies of generated contract files (schemas/soap/). A test fails with a diff when what the hub
/// serves drifts from its copy, so a contract change is always a reviewed diff. To accept a change, run
/// <c>./dms golden</c> (it sets DMS_UPDATE_GOLDEN=1 and rewrites the copies), then review and commit them.
/// </summary>
internal static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("DMS_UPDATE_GOLDEN") == "1";

    public static string PathOf(string relative) => Path.Combine(RepoRoot.Path, "schemas", "soap", relative);

    public static void AssertMatches(string relative, string actual)
    {
        var path = PathOf(relative);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        Assert.True(expected == actual, $"schemas/soap/{relative} differs from what the hub generates (run ./dms golden to accept, then review the diff):\n{Diff(expected, actual)}");
    }

    /// <summary>The first differing lines with a little context, enough to see what changed.</summary>
    public static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var first = 0;
        while (first < a.Length && first < b.Length && a[first] == b[first])
        {
            first++;
        }

        var (endA, endB) = (a.Length - 1, b.Length - 1);
        while (endA >= first && endB >= first && a[endA] == b[endB])
        {
            endA--;
            endB--;
        }

        var from = Math.Max(0, first - 2);
        var lines = new List<string> { $"@@ line {first + 1} @@" };
        lines.AddRange(a[from..first].Select(l => "  " + l));
        lines.AddRange(a[first..(endA + 1)].Take(40).Select(l => "- " + l));
        lines.AddRange(b[first..(endB + 1)].Take(40).Select(l => "+ " + l));
        return string.Join('\n', lines);
    }
}
