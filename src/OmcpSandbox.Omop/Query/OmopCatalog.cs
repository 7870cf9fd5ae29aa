using Npgsql;
using OmcpSandbox.Omop.Schema;

namespace OmcpSandbox.Omop.Query;

/// <summary>The omop_cdm tables and columns the connected role may read, read from the live catalogue.</summary>
internal sealed class OmopCatalog
{
    private const string Sql = """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, c.reltuples::bigint
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm')
          AND a.attnum > 0 AND NOT a.attisdropped
          AND has_column_privilege(c.oid, a.attnum, 'SELECT')
        ORDER BY c.relname, a.attnum
        """;

    private readonly Dictionary<string, List<OmopColumn>> _columns;
    private readonly Dictionary<string, long> _estimatedRows;

    private OmopCatalog(Dictionary<string, List<OmopColumn>> columns, Dictionary<string, long> estimatedRows)
    {
        _columns = columns;
        _estimatedRows = estimatedRows;
    }

    /// <summary>Gets the table names in lower case.</summary>
    public IReadOnlySet<string> Tables => _columns.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads the catalogue, leaving out <c>*_source_value</c> columns unless <paramref name="exposeSourceValues"/>.</summary>
    public static async Task<OmopCatalog> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, bool exposeSourceValues, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = OmopCdmSchema.Name });
        var columns = new Dictionary<string, List<OmopColumn>>(StringComparer.Ordinal);
        var estimatedRows = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            var column = reader.GetString(1);
            if (!exposeSourceValues && column.EndsWith("_source_value", StringComparison.Ordinal))
            {
                continue;
            }

            if (!columns.TryGetValue(table, out var list))
            {
                list = [];
                columns[table] = list;
                estimatedRows[table] = reader.GetInt64(4);
            }

            list.Add(new OmopColumn(column, reader.GetString(2), reader.GetBoolean(3)));
        }

        return new OmopCatalog(columns, estimatedRows);
    }

    /// <summary>Returns every table with its column count and row estimate.</summary>
    public IReadOnlyList<OmopTableSummary> Summaries() =>
        _columns.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new OmopTableSummary(pair.Key, pair.Value.Count, _estimatedRows[pair.Key]))
            .ToList();

    /// <summary>Returns the catalogue spelling of <paramref name="table"/>, matched without regard to case.</summary>
    /// <exception cref="OmopQueryException">No such table is visible.</exception>
    public string ResolveTable(string table)
    {
        foreach (var name in _columns.Keys)
        {
            if (string.Equals(name, table, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        throw new OmopQueryException(
            OmopQueryErrorCode.InvalidTable,
            $"Invalid table name: {table}. Call list_omop_tables to see the tables you may query.");
    }

    /// <summary>Returns the visible columns of a table resolved by <see cref="ResolveTable"/>.</summary>
    public IReadOnlyList<OmopColumn> ColumnsOf(string table) => _columns[table];

    /// <summary>Returns the column named <paramref name="column"/> in <paramref name="table"/>, matched without regard to case.</summary>
    /// <exception cref="OmopQueryException">The column does not exist or is withheld.</exception>
    public OmopColumn ResolveColumn(string table, string column, bool exposeSourceValues)
    {
        foreach (var candidate in _columns[table])
        {
            if (string.Equals(candidate.Name, column, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        if (!exposeSourceValues && column.EndsWith("_source_value", StringComparison.OrdinalIgnoreCase))
        {
            throw new OmopQueryException(
                OmopQueryErrorCode.WithheldColumn,
                $"The column {column} is withheld: *_source_value columns may hold identifying source data and are not "
                + "exposed. Use the matching *_concept_id column instead.");
        }

        throw new OmopQueryException(
            OmopQueryErrorCode.InvalidColumn,
            $"Invalid column name: {column} in table {table}. Call describe_omop_table for {table} to see its columns.");
    }
}
