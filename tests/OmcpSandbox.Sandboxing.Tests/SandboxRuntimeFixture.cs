using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>
/// A runtime with a cluster id of its own, so the tests list and remove exactly the containers they made.
/// Every container with that label is removed when the collection ends.
/// </summary>
public sealed class SandboxRuntimeFixture : IAsyncLifetime
{
    public SandboxRuntimeFixture()
    {
        Options = new SandboxOptions
        {
            Image = TestEnvironment.SandboxImage ?? "",
            DockerEndpoint = $"unix://{TestEnvironment.DockerSocketPath}",
            ClusterId = $"omcp-test-{Guid.NewGuid():N}"[..22],
            SiloName = "sandboxing-tests",
        };
        Runtime = CreateRuntime(Options);
        using var configuration = new DockerClientConfiguration(new Uri(Options.DockerEndpoint));
        Docker = configuration.CreateClient();
    }

    public SandboxOptions Options { get; }

    public DockerSandboxRuntime Runtime { get; }

    /// <summary>Gets a client for inspecting and creating containers behind the runtime's back.</summary>
    public DockerClient Docker { get; }

    public static DockerSandboxRuntime CreateRuntime(SandboxOptions options) =>
        new(Microsoft.Extensions.Options.Options.Create(options), NullLogger<DockerSandboxRuntime>.Instance);

    public Task<ISandbox> CreateSandboxAsync() => Runtime.CreateAsync($"test-{Guid.NewGuid():N}");

    public async Task<ContainerInspectResponse> InspectAsync(string containerId) =>
        await Docker.Containers.InspectContainerAsync(containerId);

    /// <summary>Returns whether the engine still has the container, in any state.</summary>
    public async Task<bool> ContainerExistsAsync(string containerId)
    {
        try
        {
            await Docker.Containers.InspectContainerAsync(containerId);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (TestEnvironment.DockerProblem is null)
        {
            var containers = await Docker.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.ClusterId}={Options.ClusterId}"] = true },
                },
            });
            foreach (var container in containers)
            {
                try
                {
                    await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
                }
                catch (DockerContainerNotFoundException)
                {
                    // A sandbox removed it while this loop ran.
                }
            }
        }

        Runtime.Dispose();
        Docker.Dispose();
    }
}

/// <summary>Helpers for running code and reading what it printed.</summary>
public static class SandboxExtensions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task<ExecutionResult> RunAsync(this ISandbox sandbox, string code, TimeSpan? timeout = null) =>
        sandbox.ExecuteAsync(new ExecutionRequest(code, timeout ?? DefaultTimeout));

    /// <summary>Runs code that prints one JSON value and returns that value, failing with the output when it is not JSON.</summary>
    public static async Task<JsonElement> RunJsonAsync(this ISandbox sandbox, string code)
    {
        var result = await sandbox.RunAsync(code);
        Assert.True(result.Succeeded, $"The code failed: {result.Error}\nstdout: {result.Stdout}\nstderr: {result.Stderr}");
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }
}

// Classes in one collection run one after another and share a fixture. Classes in different collections run in
// parallel, each collection with its own fixture and cluster id, so an orphan sweep never reaches another's sandboxes.

[CollectionDefinition(Name)]
public sealed class ContainerSetupCollection : ICollectionFixture<SandboxRuntimeFixture>
{
    public const string Name = "Container setup";
}

[CollectionDefinition(Name)]
public sealed class ResourceLimitCollection : ICollectionFixture<SandboxRuntimeFixture>
{
    public const string Name = "Resource limits";
}

[CollectionDefinition(Name)]
public sealed class ExecutionCollection : ICollectionFixture<SandboxRuntimeFixture>
{
    public const string Name = "Execution";
}

[CollectionDefinition(Name)]
public sealed class ContainerProbeCollection : ICollectionFixture<SandboxRuntimeFixture>
{
    public const string Name = "Container probes";
}
