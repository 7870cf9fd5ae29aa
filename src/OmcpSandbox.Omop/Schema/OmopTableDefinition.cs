namespace OmcpSandbox.Omop.Schema;

/// <summary>One OMOP CDM table as this project creates it.</summary>
/// <param name="Name">The table name in the omop_cdm schema.</param>
/// <param name="Columns">The columns in CDM order.</param>
/// <param name="PrimaryKey">The primary key column, or null when the CDM defines none.</param>
public sealed record OmopTableDefinition(string Name, IReadOnlyList<OmopColumnDefinition> Columns, string? PrimaryKey)
{
    /// <summary>Returns the position of the column named <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">The table has no such column.</exception>
    public int Ordinal(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"The table {Name} has no column {column}.", nameof(column));
    }

    /// <summary>Returns a row with every column null, to be filled with <see cref="OmopRow.Set"/>.</summary>
    public OmopRow NewRow() => new(this);
}
