using Microsoft.Extensions.Logging;
using Npgsql;
using OmcpSandbox.Omop.Generation;
using OmcpSandbox.Omop.Schema;

namespace OmcpSandbox.Omop.Setup;

/// <summary>Sets up the OMOP database as an administrator: database, schema, sample data and the read-only role.</summary>
public sealed class OmopDatabaseSetup
{
    private readonly OmopOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes set-up with the options that name the database, the role and the administrator connection.</summary>
    public OmopDatabaseSetup(OmopOptions options, ILogger<OmopDatabaseSetup> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Creates what is missing: the database, the schema and tables, synthetic sample data when the person table is
    /// empty, and the read-only role, whose settings and rights are reset on every run.
    /// </summary>
    public async Task EnsureAsync(SyntheticDataOptions sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        await CreateDatabaseIfMissingAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await OmopSchemaInstaller.CreateAsync(connection, cancellationToken);
        if (await CountPersonsAsync(connection, cancellationToken) == 0)
        {
            await LoadAsync(connection, SyntheticDataGenerator.Generate(sample), "synthetic", cancellationToken);
        }

        await ReaderRoleInstaller.InstallAsync(connection, _options, cancellationToken);
        SetupLog.ReaderRoleReady(_logger, _options.ReaderUser, connection.Database);
    }

    /// <summary>Creates the schema if needed and replaces all clinical data with a fresh synthetic dataset.</summary>
    public async Task SeedAsync(SyntheticDataOptions sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        await CreateDatabaseIfMissingAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await OmopSchemaInstaller.CreateAsync(connection, cancellationToken);
        await LoadAsync(connection, SyntheticDataGenerator.Generate(sample), "synthetic", cancellationToken);
    }

    /// <summary>Creates the schema if needed and replaces all data with <paramref name="dataset"/>.</summary>
    public async Task ReplaceAsync(OmopDataset dataset, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        await CreateDatabaseIfMissingAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await OmopSchemaInstaller.CreateAsync(connection, cancellationToken);
        await LoadAsync(connection, dataset, source, cancellationToken);
    }

    /// <summary>Returns the number of rows in omop_cdm.person, which shows whether the database contains data.</summary>
    public async Task<long> CountPersonsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await CountPersonsAsync(connection, cancellationToken);
    }

    private async Task LoadAsync(NpgsqlConnection connection, OmopDataset dataset, string source, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await OmopBulkLoader.ReplaceAsync(connection, dataset, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await using (var analyze = new NpgsqlCommand($"ANALYZE {string.Join(", ", OmopCdmSchema.Tables.Select(t => $"{OmopCdmSchema.Name}.{t.Name}"))}", connection))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        SetupLog.DataLoaded(_logger, source, dataset.CountOf(OmopCdmSchema.Person), rows, (long)elapsed.TotalMilliseconds);
    }

    private static async Task<long> CountPersonsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {OmopCdmSchema.Name}.person", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task CreateDatabaseIfMissingAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_options.BuildAdminConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = _options.Database });
        if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return;
        }

        var name = "\"" + _options.Database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        SetupLog.DatabaseCreated(_logger, _options.Database);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_options.BuildAdminConnectionString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
