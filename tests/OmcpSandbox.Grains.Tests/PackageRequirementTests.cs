using OmcpSandbox.Grains.Sessions;

namespace OmcpSandbox.Grains.Tests;

public sealed class PackageRequirementTests
{
    private static readonly string[] _allowed = ["tabulate", "python-dateutil"];

    [Theory]
    [InlineData("tabulate==0.9.0")]
    [InlineData("  tabulate==0.9.0  ")]
    [InlineData("Python_Dateutil==2.8.2")]
    [InlineData("python.dateutil==2.8.2.post1")]
    public void Check_PinnedAllowedRequirement_Passes(string requirement)
    {
        Assert.Null(PackageRequirement.Check(requirement, _allowed));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("tabulate", "pinned to one exact version")]
    [InlineData("tabulate>=0.9", "pinned to one exact version")]
    [InlineData("tabulate==0.9.*", "pinned to one exact version")]
    [InlineData("-r requirements.txt", "options, URLs, paths")]
    [InlineData("--index-url=http://127.0.0.1/simple", "options, URLs, paths")]
    [InlineData("https://127.0.0.1/tabulate-0.9.0.whl", "options, URLs, paths")]
    [InlineData("./tabulate-0.9.0.whl", "options, URLs, paths")]
    [InlineData("tabulate @ file:///tmp/x.whl", "options, URLs, paths")]
    [InlineData("tabulate==0.9.0; python_version>'3'", "options, URLs, paths")]
    [InlineData("tabulate==0.9.0,numpy==1.0", "options, URLs, paths")]
    [InlineData("requests==2.31.0", "not on this server's allow-list")]
    public void Check_InvalidRequirement_IsRejected(string requirement, string expected)
    {
        var problem = PackageRequirement.Check(requirement, _allowed);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Check_RejectionNamesAllowedPackages()
    {
        var problem = PackageRequirement.Check("requests==2.31.0", _allowed);

        Assert.Contains("python-dateutil, tabulate", problem);
    }
}
