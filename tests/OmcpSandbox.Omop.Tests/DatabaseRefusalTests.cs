using Npgsql;

namespace OmcpSandbox.Omop.Tests;

/// <summary>Runs rejected statements as the reader role without the policy, to show the database refuses them too.</summary>
[Collection(OmopDatabaseCollection.Name)]
public sealed class DatabaseRefusalTests(OmopDatabaseFixture fixture)
{
    [PostgresTheory]
    [MemberData(nameof(PolicyCase.RefusedByDatabase), MemberType = typeof(PolicyCase))]
    public async Task Reader_RejectedCase_DatabaseRefuses(PolicyCase item)
    {
        await using var connection = await fixture.OpenReaderAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var timeout = new NpgsqlCommand("SET LOCAL statement_timeout = '1s'", connection, transaction))
        {
            await timeout.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(item.Sql, connection, transaction);

        await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }
}
