namespace Dms.Deployment.Tests;

/// <summary>
/// ./dms test installs the Debian packages the tests use (python3-zeep, libxml2-utils) when they are missing. Both
/// paths of that logic run here: nothing to do when installed, and apt (simulated, so nothing is installed) when not.
/// </summary>
public sealed class DmsScriptTests
{
    [Fact]
    public async Task Deps_TestPackagesInstalled_NothingToDo()
    {
        var (exitCode, output, errors) = await Cli.RunAsync("bash", ["dms", "deps"]);

        Assert.True(exitCode == 0, output + errors);
        Assert.DoesNotContain("Installing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deps_PackageMissing_InstalledWithApt()
    {
        var (exitCode, output, errors) = await Cli.RunAsync("bash", ["dms", "deps", "python3-zeep", "sl"], new Dictionary<string, string> { ["DMS_APT_SIMULATE"] = "1" }, TimeSpan.FromMinutes(5));

        Assert.True(exitCode == 0, output + errors);
        Assert.Contains("Installing sl (apt)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("python3-zeep", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deps_UnknownPackage_FailsLoudly()
    {
        var (exitCode, _, errors) = await Cli.RunAsync("bash", ["dms", "deps", "no-such-package-dms"], new Dictionary<string, string> { ["DMS_APT_SIMULATE"] = "1" }, TimeSpan.FromMinutes(5));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("apt-get install no-such-package-dms failed", errors, StringComparison.Ordinal);
    }
}
