using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmcpSandbox.Clustering;
using Orleans;

namespace OmcpSandbox.Cluster.Tests.Infrastructure;

/// <summary>An in-process Orleans client host configured with <see cref="OmcpClusteringExtensions.UseOmcpClustering(Orleans.Hosting.IClientBuilder, IConfiguration)"/>.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private TestClient(IHost host) => Host = host;

    public IHost Host { get; }

    public IClusterClient Client => Host.Services.GetRequiredService<IClusterClient>();

    public static async Task<TestClient> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseOmcpClustering(builder.Configuration));
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new TestClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Disposing below closes the connections anyway.
        }

        Host.Dispose();
    }
}
