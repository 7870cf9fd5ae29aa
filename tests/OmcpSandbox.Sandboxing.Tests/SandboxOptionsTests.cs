namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>Option validation and the fail-closed start when the image is missing.</summary>
[Collection(ContainerSetupCollection.Name)]
public sealed class SandboxOptionsTests
{
    [Theory]
    [InlineData("host")]
    [InlineData("container:abc")]
    [InlineData("bridge")]
    [InlineData("default")]
    public void Validator_SharedNetwork_IsRejected(string network)
    {
        var result = new SandboxOptionsValidator().Validate(null, new SandboxOptions { Image = "omcp-sandbox:test", Network = network });

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.Contains("Sandbox:Network", message, StringComparison.Ordinal);
        Assert.Contains($"'{network}'", message, StringComparison.Ordinal);
        Assert.Contains("docker network create", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("none")]
    [InlineData("omcp-sandboxes")]
    public void Validator_IsolatedNetwork_IsAccepted(string network)
    {
        var result = new SandboxOptionsValidator().Validate(null, new SandboxOptions { Image = "omcp-sandbox:test", Network = network });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validator_EmptyImage_IsRejected()
    {
        var result = new SandboxOptionsValidator().Validate(null, new SandboxOptions());

        Assert.True(result.Failed);
        Assert.Contains("DOCKER_IMAGE", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerSpec_EmptyNetwork_MeansNone()
    {
        var parameters = ContainerSpec.Build(new SandboxOptions { Image = "omcp-sandbox:test" }, "s1", DateTimeOffset.UnixEpoch);

        Assert.Equal("none", parameters.HostConfig.NetworkMode);
        Assert.True(parameters.NetworkDisabled);
    }

    [DockerFact]
    public async Task Runtime_MissingImage_FailsClosed()
    {
        var options = new SandboxOptions
        {
            Image = $"omcp-sandbox:missing-{Guid.NewGuid():N}",
            DockerEndpoint = $"unix://{TestEnvironment.DockerSocketPath}",
            ClusterId = $"omcp-test-{Guid.NewGuid():N}"[..22],
        };
        using var runtime = SandboxRuntimeFixture.CreateRuntime(options);

        var exception = await Assert.ThrowsAsync<SandboxImageNotFoundException>(() => runtime.CreateAsync("missing-image"));

        Assert.Equal(options.Image, exception.Image);
        Assert.Contains(options.Image, exception.Message, StringComparison.Ordinal);
        Assert.Contains("./omcp image", exception.Message, StringComparison.Ordinal);
        Assert.Contains("DOCKER_IMAGE", exception.Message, StringComparison.Ordinal);
        Assert.Empty(await runtime.ListContainersAsync());
    }
}
