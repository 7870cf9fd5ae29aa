using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>The README's run command, stopped the way a user stops it.</summary>
public sealed class OmcpUpTests
{
    [DockerTheory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task OmcpUp_StopLeavesNoContainer(string signal)
    {
        var clusterId = $"up-{Guid.NewGuid():N}"[..14];
        var port = LoopbackPorts.Next();
        var environment = new Dictionary<string, string>
        {
            ["OMCP_CLUSTER_ID"] = clusterId,
            ["OMCP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OMCP_SILO_PORT"] = LoopbackPorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OMCP_GATEWAY_PORT"] = LoopbackPorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OMCP_SKIP_BUILD"] = "1",
            ["OMCP_BUILD_CONFIGURATION"] = RepositoryPaths.Configuration,
            ["DOCKER_IMAGE"] = TestEnvironment.SandboxImage ?? "",
        };

        // setsid puts the script and its children in a process group of their own, as a terminal would.
        await using var up = HostProcess.Start("omcp up", "setsid", [Path.Combine(RepositoryPaths.Root, "omcp"), "up"], environment);
        await WaitForPortAsync(port, up);
        await using (var client = await McpClientFor(port))
        {
            var sandboxId = await client.CreateSandboxAsync();
            var run = await client.ExecuteAsync(sandboxId, "print('up')");
            Assert.Equal("up\n", run.Output());
        }

        Assert.NotEmpty(await ContainersAsync(clusterId));
        up.Signal(signal, processGroup: true);
        var exited = await up.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exited, up.RecentOutput());
        Assert.Empty(await ContainersAsync(clusterId));
    }

    private static async Task<ModelContextProtocol.Client.McpClient> McpClientFor(int port)
    {
        var options = new ModelContextProtocol.Client.HttpClientTransportOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}/mcp"),
            TransportMode = ModelContextProtocol.Client.HttpTransportMode.StreamableHttp,
        };
        return await ModelContextProtocol.Client.McpClient.CreateAsync(new ModelContextProtocol.Client.HttpClientTransport(options));
    }

    private static async Task WaitForPortAsync(int port, HostProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, process.RecentOutput());
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(500);
            }
        }

        Assert.Fail("./omcp up did not open its port within 120 s.\n" + process.RecentOutput());
    }

    private static async Task<IList<ContainerListResponse>> ContainersAsync(string clusterId)
    {
        using var configuration = new DockerClientConfiguration(new Uri("unix://" + TestEnvironment.DockerSocketPath));
        using var docker = configuration.CreateClient();
        return await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"omcp.cluster-id={clusterId}"] = true },
            },
        });
    }
}
