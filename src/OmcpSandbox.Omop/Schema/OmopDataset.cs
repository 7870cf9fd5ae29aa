namespace OmcpSandbox.Omop.Schema;

/// <summary>Rows for the OMOP tables, built in memory by the generator or the Synthea import, then bulk-loaded.</summary>
public sealed class OmopDataset
{
    private readonly Dictionary<string, List<OmopRow>> _rows = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="row"/> to its table.</summary>
    public void Add(OmopRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_rows.TryGetValue(row.Table.Name, out var rows))
        {
            rows = [];
            _rows[row.Table.Name] = rows;
        }

        rows.Add(row);
    }

    /// <summary>Returns the rows of <paramref name="table"/>, empty when it has none.</summary>
    public IReadOnlyList<OmopRow> RowsOf(OmopTableDefinition table) =>
        _rows.TryGetValue(table.Name, out var rows) ? rows : [];

    /// <summary>Returns the number of rows in <paramref name="table"/>.</summary>
    public int CountOf(OmopTableDefinition table) => RowsOf(table).Count;
}
