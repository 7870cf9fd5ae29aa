using OmcpSandbox.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmcpSandbox.Clustering;
using OmcpSandbox.Placement;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace OmcpSandbox.Cluster.Tests.Infrastructure;

/// <summary>An in-process silo host with the project's clustering, grain storage and placement.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(15);
    private bool _stopped;

    private TestSilo(IHost host, FakeContainerLoad load, int siloPort, int gatewayPort)
    {
        Host = host;
        Load = load;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public IHost Host { get; }

    public FakeContainerLoad Load { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public SiloAddress Address => Host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public SiloLoadCache LoadCache => Host.Services.GetRequiredService<SiloLoadCache>();

    /// <summary>Builds and starts a silo with <paramref name="settings"/>, configuration keys such as <c>Clustering:Provider</c>.</summary>
    public static async Task<TestSilo> StartAsync(IDictionary<string, string?> settings, int capacity = 20)
    {
        var siloPort = LoopbackPorts.Next();
        var gatewayPort = LoopbackPorts.Next();
        var all = new Dictionary<string, string?>(settings)
        {
            ["Clustering:SiloPort"] = siloPort.ToString(),
            ["Clustering:GatewayPort"] = gatewayPort.ToString(),
        };
        all.TryAdd("Clustering:PrimarySiloPort", siloPort.ToString());

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(all);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var load = new FakeContainerLoad(capacity);
        builder.Services.AddSingleton(load);
        builder.Services.AddSingleton<ILocalContainerLoad>(load);
        builder.UseOrleans(silo =>
        {
            silo.UseOmcpClustering(builder.Configuration);
            silo.AddOmcpGrainStorage(builder.Configuration);
            silo.AddContainerLoadPlacement();
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                // Lets a test that stops a silo see the next one take over in seconds instead of a minute.
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
        });

        var host = builder.Build();
        using var startTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(startTimeout.Token);
        return new TestSilo(host, load, siloPort, gatewayPort);
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(_stopTimeout);
        try
        {
            await Host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A silo that does not stop in time is abandoned, and Dispose below still releases its sockets.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
    }
}
