namespace OmcpSandbox.Omop.Schema;

/// <summary>One row of an OMOP table under construction, with values in column order.</summary>
public sealed class OmopRow
{
    private readonly object?[] _values;

    internal OmopRow(OmopTableDefinition table)
    {
        Table = table;
        _values = new object?[table.Columns.Count];
    }

    /// <summary>Gets the table the row belongs to.</summary>
    public OmopTableDefinition Table { get; }

    /// <summary>Gets the values in column order; null is SQL NULL.</summary>
    public IReadOnlyList<object?> Values => _values;

    /// <summary>Sets the column named <paramref name="column"/> and returns the row.</summary>
    public OmopRow Set(string column, object? value)
    {
        _values[Table.Ordinal(column)] = value;
        return this;
    }
}
