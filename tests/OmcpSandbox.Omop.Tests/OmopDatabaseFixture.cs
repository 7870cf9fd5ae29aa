using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OmcpSandbox.Omop.Generation;
using OmcpSandbox.Omop.Query;
using OmcpSandbox.Omop.Schema;
using OmcpSandbox.Omop.Setup;

namespace OmcpSandbox.Omop.Tests;

/// <summary>
/// A scratch OMOP database with 300 synthetic persons and a reader role of its own, shared by the database tests.
/// On disposal it checks that the suite left every table's rows unchanged.
/// </summary>
public sealed class OmopDatabaseFixture : IAsyncLifetime
{
    public const int Persons = 300;

    private ScratchDatabase? _database;
    private IReadOnlyDictionary<string, string>? _checksumsAtStart;

    public CapturingLoggerProvider Logs { get; } = new();

    public OmopOptions Options { get; private set; } = new();

    public string AdminConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync("omop_test");
        var server = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
        Options = new OmopOptions
        {
            Host = server.Host!,
            Port = server.Port,
            Database = _database.Name,
            ReaderUser = "omcp_reader_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant(),
            ReaderPassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)),
            AdminConnectionString = TestEnvironment.PostgresConnectionString,
            StatementTimeout = TimeSpan.FromSeconds(5),
        };
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(Logs));
        var setup = new OmopDatabaseSetup(Options, loggerFactory.CreateLogger<OmopDatabaseSetup>());
        await setup.EnsureAsync(new SyntheticDataOptions(Persons, 7), CancellationToken.None);
        _checksumsAtStart = await ChecksumsAsync();
    }

    /// <summary>Creates a query service over the fixture's database, with changes to the options applied.</summary>
    public OmopQueryService CreateService(Action<OmopOptions>? configure = null, ILoggerProvider? logs = null)
    {
        var options = new OmopOptions
        {
            Host = Options.Host,
            Port = Options.Port,
            Database = Options.Database,
            ReaderUser = Options.ReaderUser,
            ReaderPassword = Options.ReaderPassword,
            StatementTimeout = Options.StatementTimeout,
        };
        configure?.Invoke(options);
        var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs ?? Logs));
        return new OmopQueryService(Microsoft.Extensions.Options.Options.Create(options), loggerFactory.CreateLogger<OmopQueryService>());
    }

    /// <summary>Opens a connection as the reader role, without the query service.</summary>
    public async Task<NpgsqlConnection> OpenReaderAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(Options.BuildReaderConnectionString()) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Returns, per table, the row count and an MD5 over all rows in a fixed order.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ChecksumsAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        var checksums = new Dictionary<string, string>();
        foreach (var table in OmopCdmSchema.Tables)
        {
            var sql = $"SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {OmopCdmSchema.Name}.{table.Name} t";
            await using var command = new NpgsqlCommand(sql, connection);
            checksums[table.Name] = (string)(await command.ExecuteScalarAsync())!;
        }

        return checksums;
    }

    public async Task DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        var changed = _checksumsAtStart is null
            ? []
            : (await ChecksumsAsync()).Where(pair => _checksumsAtStart[pair.Key] != pair.Value).Select(pair => pair.Key).ToList();
        await _database.DisposeAsync();
        await using (var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{Options.ReaderUser}\"", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (changed.Count > 0)
        {
            throw new InvalidOperationException($"The test suite changed the OMOP tables {string.Join(", ", changed)}.");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OmopDatabaseCollection : ICollectionFixture<OmopDatabaseFixture>
{
    public const string Name = "OMOP database";
}
