using Npgsql;
using OmcpSandbox.Clustering;
using OmcpSandbox.Testing;

namespace OmcpSandbox.Cluster.Tests;

public sealed class PostgresSchemaTests
{
    private static readonly string[] _providerQueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
    ];

    [PostgresFact]
    public async Task Apply_Twice_Succeeds()
    {
        await using var database = await ScratchDatabase.CreateAsync("schema_twice");

        await PostgresSchema.ApplyAsync(database.ConnectionString);
        await PostgresSchema.ApplyAsync(database.ConnectionString);

        Assert.Equal(_providerQueryKeys.Length, await CountQueriesAsync(database.ConnectionString));
    }

    [PostgresFact]
    public async Task Apply_Concurrently_Succeeds()
    {
        await using var database = await ScratchDatabase.CreateAsync("schema_parallel");

        var runs = Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostgresSchema.ApplyAsync(database.ConnectionString)));
        await Task.WhenAll(runs);

        Assert.Equal(_providerQueryKeys.Length, await CountQueriesAsync(database.ConnectionString));
    }

    [PostgresFact]
    public async Task Apply_StoresEveryProviderQuery()
    {
        await using var database = await ScratchDatabase.CreateAsync("schema_keys");
        await PostgresSchema.ApplyAsync(database.ConnectionString);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        foreach (var key in _providerQueryKeys)
        {
            Assert.Contains(key, keys);
        }
    }

    [PostgresFact]
    public async Task CleanupDefunctQuery_RemovesOnlyOldDeadRows()
    {
        await using var database = await ScratchDatabase.CreateAsync("schema_cleanup");
        await PostgresSchema.ApplyAsync(database.ConnectionString);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ('c1'), ('c2');
            INSERT INTO OrleansMembershipTable
                (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES
                ('c1', '127.0.0.1', 1, 1, 'old-dead', 'h', 6, 0, now() - interval '10 days', now() - interval '9 days'),
                ('c1', '127.0.0.1', 2, 1, 'new-dead', 'h', 6, 0, now() - interval '1 hour', now() - interval '1 minute'),
                ('c1', '127.0.0.1', 3, 1, 'old-active', 'h', 3, 0, now() - interval '10 days', now() - interval '9 days'),
                ('c2', '127.0.0.1', 4, 1, 'other-cluster', 'h', 6, 0, now() - interval '10 days', now() - interval '9 days');
            """);

        var cleanup = await ReadQueryAsync(connection, "CleanupDefunctSiloEntriesKey");
        await using (var command = new NpgsqlCommand(cleanup, connection))
        {
            command.Parameters.AddWithValue("DeploymentId", "c1");
            command.Parameters.AddWithValue("IAmAliveTime", DateTime.UtcNow.AddDays(-7));
            await command.ExecuteNonQueryAsync();
        }

        var remaining = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT SiloName FROM OrleansMembershipTable ORDER BY Port", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                remaining.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["new-dead", "old-active", "other-cluster"], remaining);
    }

    private static async Task<long> CountQueriesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> ReadQueryAsync(NpgsqlConnection connection, string key)
    {
        await using var command = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
