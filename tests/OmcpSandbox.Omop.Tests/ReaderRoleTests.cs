using Npgsql;

namespace OmcpSandbox.Omop.Tests;

[Collection(OmopDatabaseCollection.Name)]
public sealed class ReaderRoleTests(OmopDatabaseFixture fixture)
{
    [PostgresTheory]
    [InlineData("default_transaction_read_only", "on")]
    [InlineData("search_path", "omop_cdm")]
    [InlineData("statement_timeout", "5s")]
    public async Task Reader_RoleSetting_IsApplied(string setting, string expected)
    {
        await using var connection = await fixture.OpenReaderAsync();
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);

        Assert.Equal(expected, await command.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task Reader_RoleAttributes_AreNotElevated()
    {
        await using var connection = new NpgsqlConnection(fixture.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolinherit, rolreplication, rolbypassrls, "
            + "(SELECT count(*) FROM pg_auth_members m WHERE m.member = r.oid) FROM pg_roles r WHERE rolname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = fixture.Options.ReaderUser });
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.False(reader.GetBoolean(1));
        Assert.False(reader.GetBoolean(2));
        Assert.False(reader.GetBoolean(3));
        Assert.False(reader.GetBoolean(4));
        Assert.False(reader.GetBoolean(5));
        Assert.False(reader.GetBoolean(6));
        Assert.Equal(0L, reader.GetInt64(7));
    }

    [PostgresTheory]
    [InlineData("SET TRANSACTION READ WRITE; CREATE TABLE omop_cdm.marker (x int)")]
    [InlineData("SET TRANSACTION READ WRITE; CREATE TABLE public.marker (x int)")]
    [InlineData("SET TRANSACTION READ WRITE; CREATE TEMP TABLE marker (x int)")]
    [InlineData("SET TRANSACTION READ WRITE; DELETE FROM omop_cdm.person WHERE false")]
    [InlineData("SET TRANSACTION READ WRITE; SELECT person_source_value FROM omop_cdm.person")]
    [InlineData("SELECT * FROM omop_cdm.person")]
    [InlineData("SELECT p FROM omop_cdm.person p")]
    public async Task Reader_ReadWriteTransaction_StillRefused(string sql)
    {
        await using var connection = await fixture.OpenReaderAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [PostgresFact]
    public async Task Reader_PooledConnection_IsResetBeforeReuse()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.Options.BuildReaderConnectionString()) { MaxPoolSize = 1 };
        Assert.False(builder.NoResetOnClose);
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);

        int firstPid;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            firstPid = connection.ProcessID;
            await using var dirty = new NpgsqlCommand("SET search_path = public; SET application_name = 'left-over'", connection);
            await dirty.ExecuteNonQueryAsync();
        }

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var show = new NpgsqlCommand("SHOW search_path", connection);
            var searchPath = await show.ExecuteScalarAsync();

            Assert.Equal(firstPid, connection.ProcessID);
            Assert.Equal("omop_cdm", searchPath);
        }
    }
}
