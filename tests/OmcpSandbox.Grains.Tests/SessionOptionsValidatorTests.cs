using OmcpSandbox.Grains.Sessions;

namespace OmcpSandbox.Grains.Tests;

public sealed class SessionOptionsValidatorTests
{
    private readonly SessionOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(_validator.Validate(null, new SessionOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, 8, "MAX_SANDBOXES")]
    [InlineData(10, -1, "Sessions:QueueLimit")]
    public void Validate_OutOfRange_NamesSetting(int maxSandboxes, int queueLimit, string setting)
    {
        var result = _validator.Validate(null, new SessionOptions { MaxSandboxes = maxSandboxes, QueueLimit = queueLimit });

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage);
    }

    [Fact]
    public void Validate_InstallWithoutAllowList_Fails()
    {
        var options = new SessionOptions { PackageInstall = new PackageInstallOptions { Enabled = true } };

        var result = _validator.Validate(null, options);

        Assert.Contains("AllowedPackages", result.FailureMessage);
    }

    [Fact]
    public void Validate_IdleTimeoutAboveMaximum_Fails()
    {
        var options = new SessionOptions { IdleTimeout = TimeSpan.FromDays(2) };

        Assert.Contains("SANDBOX_TIMEOUT", _validator.Validate(null, options).FailureMessage);
    }
}
