using System.Net;
using System.Net.Sockets;

namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>A sandbox has no network: not even the host's loopback is reachable.</summary>
[Collection(ExecutionCollection.Name)]
public sealed class NetworkIsolationTests(SandboxRuntimeFixture fixture)
{
    [DockerFact]
    public async Task Egress_HostLoopback_ReceivesNothing()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync($"""
            import socket
            try:
                socket.create_connection(('127.0.0.1', {port}), timeout=2).close()
                print('CONNECTED')
            except OSError as e:
                print('failed', type(e).__name__)
            """);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.StartsWith("failed", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("CONNECTED", result.Stdout, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "The host listener received a connection from the sandbox.");
    }

    [DockerFact]
    public async Task Network_OnlyLoopbackInterface_Exists()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync("import socket\nprint(socket.if_nameindex())");

        Assert.Equal("[(1, 'lo')]\n", result.Stdout);
    }
}
