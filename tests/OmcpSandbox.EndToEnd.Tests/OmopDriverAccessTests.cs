using System.Globalization;
using System.Security.Cryptography;
using Docker.DotNet.Models;
using Npgsql;
using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>The opt-in driver access: reader settings in the container environment only on a named network.</summary>
[Collection(OmopClusterCollection.Name)]
public sealed class OmopDriverAccessTests(OmopClusterFixture fixture)
{
    [OmopFact]
    public async Task NamedNetwork_PassesReaderSettings()
    {
        var network = "omcp-e2e-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var server = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
        var docker = fixture.Cluster.Docker;

        // An internal network has no route out of the engine's host, so the test reaches nothing beyond it.
        await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = network, Internal = true });
        try
        {
            await using var cluster = await ServiceCluster.StartAsync(new Dictionary<string, string>
            {
                ["SANDBOX_NETWORK"] = network,
                ["OMOP_DB_HOST"] = server.Host!,
                ["OMOP_DB_PORT"] = server.Port.ToString(CultureInfo.InvariantCulture),
                ["OMOP_DB_NAME"] = fixture.Database,
                ["OMOP_DB_USER"] = fixture.ReaderUser,
                ["OMOP_DB_PASSWORD"] = fixture.ReaderPassword,
            });
            await using var client = await cluster.ConnectAsync(cluster.TenantAKey);
            var sandboxId = await client.CreateSandboxAsync();
            var containers = await cluster.ListContainersAsync();
            var container = Assert.Single(containers, entry => entry.Labels.TryGetValue("omcp.sandbox-id", out var id) && id == sandboxId);

            var inspected = await docker.Containers.InspectContainerAsync(container.ID);

            Assert.Equal(network, inspected.HostConfig.NetworkMode);
            Assert.Contains($"OMOP_DB_PASSWORD={fixture.ReaderPassword}", inspected.Config.Env);
            Assert.Contains($"OMOP_DB_NAME={fixture.Database}", inspected.Config.Env);
            Assert.Contains($"OMOP_DB_USER={fixture.ReaderUser}", inspected.Config.Env);
            Assert.Contains($"OMOP_DB_HOST={server.Host}", inspected.Config.Env);
        }
        finally
        {
            await docker.Networks.DeleteNetworkAsync(network);
        }
    }
}
