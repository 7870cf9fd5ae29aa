using System.Reflection;
using Npgsql;

namespace OmcpSandbox.Clustering;

/// <summary>
/// The PostgreSQL schema that the Orleans ADO.NET clustering and grain storage providers need: tables, the
/// <c>OrleansQuery</c> rows they load at start, and the write function of grain storage.
/// </summary>
public static class PostgresSchema
{
    // Arbitrary but fixed, so every process that installs this schema waits on the same lock.
    private const long AdvisoryLockKey = 0x6F6D_6370_5363_6801;

    private const string ResourcePrefix = "OmcpSandbox.Clustering.Schema.";

    private static readonly Lazy<IReadOnlyList<string>> _scripts = new(LoadScripts);

    /// <summary>Gets the schema scripts in the order they run.</summary>
    public static IReadOnlyList<string> Scripts => _scripts.Value;

    /// <summary>
    /// Creates whatever part of the schema is missing and replaces the stored query texts with this version's.
    /// Idempotent, and safe when several processes run it at once: one transaction holds an advisory lock.
    /// </summary>
    /// <exception cref="NpgsqlException">The database cannot be reached or rejected a statement.</exception>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var script in Scripts)
        {
            await using var command = new NpgsqlCommand(script, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IReadOnlyList<string> LoadScripts()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        if (names.Count == 0)
        {
            throw new InvalidOperationException($"No schema scripts are embedded in {assembly.GetName().Name}; the build is broken.");
        }

        return names.Select(name => ReadResource(assembly, name)).ToList();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script {name} cannot be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
