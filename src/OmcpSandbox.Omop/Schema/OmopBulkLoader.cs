using Npgsql;

namespace OmcpSandbox.Omop.Schema;

/// <summary>Writes an <see cref="OmopDataset"/> with binary COPY.</summary>
public static class OmopBulkLoader
{
    /// <summary>
    /// Empties the clinical tables (and, when <paramref name="dataset"/> has concepts, the vocabulary tables), then
    /// copies every row in. Run it inside a transaction so a failure leaves the old contents.
    /// </summary>
    /// <returns>The number of rows written.</returns>
    public static async Task<long> ReplaceAsync(NpgsqlConnection connection, OmopDataset dataset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dataset);
        var tables = OmopCdmSchema.Tables
            .Where(table => OmopCdmSchema.ClinicalTables.Contains(table) || dataset.CountOf(table) > 0)
            .ToList();
        var names = string.Join(", ", tables.Select(table => $"{OmopCdmSchema.Name}.{table.Name}"));
        await using (var truncate = new NpgsqlCommand($"TRUNCATE {names}", connection))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        long written = 0;
        foreach (var table in tables)
        {
            written += await CopyAsync(connection, table, dataset.RowsOf(table), cancellationToken);
        }

        return written;
    }

    private static async Task<long> CopyAsync(
        NpgsqlConnection connection, OmopTableDefinition table, IReadOnlyList<OmopRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var columns = string.Join(", ", table.Columns.Select(column => column.Name));
        var copy = $"COPY {OmopCdmSchema.Name}.{table.Name} ({columns}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (row.Values[i] is { } value)
                {
                    await importer.WriteAsync(value, table.Columns[i].DbType, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
        }

        return (long)await importer.CompleteAsync(cancellationToken);
    }
}
