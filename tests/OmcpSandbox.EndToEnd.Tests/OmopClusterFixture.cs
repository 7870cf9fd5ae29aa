using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>
/// A cluster whose silo reaches an OMOP database of its own: a fresh database with synthetic sample data and a
/// read-only role, created with the omop tool as <c>./omcp up</c> does. On disposal it checks that the tests left
/// every table's row count unchanged, then drops the database and the role.
/// </summary>
public sealed class OmopClusterFixture : IAsyncLifetime
{
    public const int Persons = 200;

    /// <summary>The statement timeout of the test silo, short so that the timeout test finishes quickly.</summary>
    public static readonly TimeSpan StatementTimeout = TimeSpan.FromSeconds(2);

    private static readonly string[] _tables =
    [
        "person", "observation_period", "visit_occurrence", "condition_occurrence", "drug_exposure", "measurement",
        "observation", "death", "concept", "concept_ancestor",
    ];

    private ServiceCluster? _cluster;
    private IReadOnlyDictionary<string, long>? _countsAtStart;

    public string Database { get; } = "omop_e2e_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public string ReaderUser { get; } = "omcp_reader_e2e_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public string ReaderPassword { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));

    internal ServiceCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync()
    {
        if (!TestEnvironment.IsCi && (TestEnvironment.DockerProblem is not null || TestEnvironment.PostgresProblem is not null))
        {
            return;
        }

        await RunOmopToolAsync("ensure", "--persons", Persons.ToString(CultureInfo.InvariantCulture), "--seed", "11");
        _countsAtStart = await CountRowsAsync();
        var server = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
        _cluster = await ServiceCluster.StartAsync(new Dictionary<string, string>
        {
            ["OMOP_DB_HOST"] = server.Host!,
            ["OMOP_DB_PORT"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["OMOP_DB_NAME"] = Database,
            ["OMOP_DB_USER"] = ReaderUser,
            ["OMOP_DB_PASSWORD"] = ReaderPassword,
            ["Omop__StatementTimeout"] = StatementTimeout.ToString("c", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Returns the number of rows of every OMOP table, read as the superuser.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = Database, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in _tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM omop_cdm.{table}", connection);
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }

        return counts;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_countsAtStart is null)
        {
            return;
        }

        var countsAtEnd = await CountRowsAsync();
        var changed = _tables.Where(table => countsAtEnd[table] != _countsAtStart[table]).ToList();
        await using (var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var dropRole = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{ReaderUser}\"", connection);
            await dropRole.ExecuteNonQueryAsync();
        }

        if (changed.Count > 0)
        {
            throw new InvalidOperationException($"The OMOP tests changed the row counts of {string.Join(", ", changed)}.");
        }
    }

    private async Task RunOmopToolAsync(params string[] arguments)
    {
        var tool = Path.Combine(
            RepositoryPaths.Root, "src", "OmcpSandbox.Omop.Tool", "bin", RepositoryPaths.Configuration, "net10.0", "omop.dll");
        if (!File.Exists(tool))
        {
            throw new FileNotFoundException($"The omop tool is not built at {tool}; build the solution first (dotnet build OmcpSandbox.sln).");
        }

        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(tool);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["OMOP_ADMIN_CONNECTION_STRING"] = TestEnvironment.PostgresConnectionString;
        startInfo.Environment["OMOP_DB_NAME"] = Database;
        startInfo.Environment["OMOP_DB_USER"] = ReaderUser;
        startInfo.Environment["OMOP_DB_PASSWORD"] = ReaderPassword;
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"omop {arguments[0]} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}

/// <summary>The tests that share one cluster with an OMOP database.</summary>
[CollectionDefinition(Name)]
public sealed class OmopClusterCollection : ICollectionFixture<OmopClusterFixture>
{
    public const string Name = "omop cluster";
}

/// <summary>
/// A fact that needs a Docker engine, the sandbox image and PostgreSQL. It is skipped with the reason when one is
/// missing, except under CI, where it runs and fails.
/// </summary>
public sealed class OmopFactAttribute : FactAttribute
{
    public OmopFactAttribute()
    {
        if (!TestEnvironment.IsCi && (TestEnvironment.DockerProblem ?? TestEnvironment.PostgresProblem) is { } problem)
        {
            Skip = problem;
        }
    }
}
