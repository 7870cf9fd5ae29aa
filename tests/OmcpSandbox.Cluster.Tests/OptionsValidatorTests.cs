using OmcpSandbox.Clustering;
using OmcpSandbox.Placement;

namespace OmcpSandbox.Cluster.Tests;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void AdoNetWithoutConnectionString_NamesSetting()
    {
        var result = new OmcpClusteringOptionsValidator().Validate(null, new OmcpClusteringOptions { Provider = ClusteringProvider.AdoNet });

        Assert.True(result.Failed);
        Assert.Contains("Clustering:ConnectionString is missing", result.FailureMessage);
    }

    [Fact]
    public void SamePorts_NamesBothSettings()
    {
        var result = new OmcpClusteringOptionsValidator().Validate(null, new OmcpClusteringOptions { SiloPort = 5000, GatewayPort = 5000 });

        Assert.True(result.Failed);
        Assert.Contains("Clustering:SiloPort and Clustering:GatewayPort", result.FailureMessage);
    }

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new OmcpClusteringOptionsValidator().Validate(null, new OmcpClusteringOptions()).Succeeded);
        Assert.True(new ContainerLoadOptionsValidator().Validate(null, new ContainerLoadOptions()).Succeeded);
    }

    [Fact]
    public void SlowPublishInterval_NamesSetting()
    {
        var result = new ContainerLoadOptionsValidator().Validate(null, new ContainerLoadOptions { PublishInterval = TimeSpan.FromSeconds(5) });

        Assert.True(result.Failed);
        Assert.Contains("Placement:PublishInterval", result.FailureMessage);
    }
}
