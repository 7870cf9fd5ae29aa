using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OmcpSandbox.Cluster.Tests.Infrastructure;
using OmcpSandbox.Testing;
using Orleans;

namespace OmcpSandbox.Cluster.Tests;

public sealed class AdoNetClusterTests
{
    private const int ActiveStatus = 3;
    private const int DeadStatus = 6;

    [PostgresFact]
    public async Task TwoSilos_JoinAndServeClient()
    {
        await using var database = await ScratchDatabase.CreateAsync("cluster_join");
        var settings = Settings(database, "join");

        await using var first = await TestSilo.StartAsync(settings);
        await using var second = await TestSilo.StartAsync(settings);
        await using var client = await TestClient.StartAsync(settings);

        var silo = await client.Client.GetGrain<INoteGrain>("join").ReadAsync();
        Assert.Contains(silo.Silo, new[] { first.Address.ToString(), second.Address.ToString() });

        var statuses = await ReadStatusesAsync(database.ConnectionString, "join");
        Assert.Equal(2, statuses.Count);
        Assert.All(statuses.Values, status => Assert.Equal(ActiveStatus, status));
        Assert.Contains(first.SiloPort, statuses.Keys);
        Assert.Contains(second.SiloPort, statuses.Keys);
    }

    [PostgresFact]
    public async Task GrainState_ReadAfterMoveToOtherSilo()
    {
        await using var database = await ScratchDatabase.CreateAsync("cluster_state");
        var settings = Settings(database, "state");
        await using var first = await TestSilo.StartAsync(settings);
        await using var second = await TestSilo.StartAsync(settings);

        var firstFactory = first.Host.Services.GetRequiredService<IGrainFactory>();
        var keys = Enumerable.Range(0, 8).Select(i => $"note-{i}").ToArray();
        foreach (var key in keys)
        {
            await firstFactory.GetGrain<INoteGrain>(key).WriteAsync($"text of {key}");
        }

        Assert.Equal(keys.Length, await CountStoredStatesAsync(database.ConnectionString));

        var placed = new Dictionary<string, string>();
        foreach (var key in keys)
        {
            placed[key] = (await firstFactory.GetGrain<INoteGrain>(key).ReadAsync()).Silo;
        }

        // Default placement decides where the notes live, so the silo hosting the first note is the one stopped.
        var (stopped, surviving) = placed[keys[0]] == first.Address.ToString() ? (first, second) : (second, first);
        var moved = placed.Where(pair => pair.Value == stopped.Address.ToString()).Select(pair => pair.Key).ToList();

        await stopped.StopAsync();
        var survivingFactory = surviving.Host.Services.GetRequiredService<IGrainFactory>();
        foreach (var key in moved)
        {
            var (text, silo) = await survivingFactory.GetGrain<INoteGrain>(key).ReadAsync();
            Assert.Equal($"text of {key}", text);
            Assert.Equal(surviving.Address.ToString(), silo);
        }

        var statuses = await ReadStatusesAsync(database.ConnectionString, "state");
        Assert.Equal(DeadStatus, statuses[stopped.SiloPort]);
        Assert.Equal(ActiveStatus, statuses[surviving.SiloPort]);
    }

    private static Dictionary<string, string?> Settings(ScratchDatabase database, string clusterId) => new()
    {
        ["Clustering:Provider"] = "AdoNet",
        ["Clustering:ConnectionString"] = database.ConnectionString,
        ["Clustering:ClusterId"] = clusterId,
        ["Clustering:ServiceId"] = "omcp-tests",
    };

    private static async Task<long> CountStoredStatesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM OrleansStorage WHERE ServiceId = 'omcp-tests' AND PayloadBinary IS NOT NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<Dictionary<int, int>> ReadStatusesAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT Port, Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        var statuses = new Dictionary<int, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            statuses[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return statuses;
    }
}
