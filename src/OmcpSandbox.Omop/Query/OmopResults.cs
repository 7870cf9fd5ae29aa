namespace OmcpSandbox.Omop.Query;

/// <summary>One table the reader may query.</summary>
/// <param name="Name">The table name in omop_cdm.</param>
/// <param name="ColumnCount">The number of columns the reader may see.</param>
/// <param name="EstimatedRows">PostgreSQL's row estimate from the last ANALYZE, or -1 when the table was never analyzed.</param>
public sealed record OmopTableSummary(string Name, int ColumnCount, long EstimatedRows);

/// <summary>One column of an OMOP table, from the live catalogue.</summary>
/// <param name="Name">The column name.</param>
/// <param name="DataType">The PostgreSQL type, for example <c>integer</c> or <c>character varying(50)</c>.</param>
/// <param name="IsNullable">Whether the column accepts NULL.</param>
public sealed record OmopColumn(string Name, string DataType, bool IsNullable);

/// <summary>The columns of one OMOP table that the reader may see.</summary>
/// <param name="Name">The table name in omop_cdm.</param>
/// <param name="Columns">The visible columns in table order; withheld <c>*_source_value</c> columns are left out.</param>
public sealed record OmopTableDescription(string Name, IReadOnlyList<OmopColumn> Columns);

/// <summary>The result of a table query.</summary>
/// <param name="Count">The number of rows in <paramref name="Data"/>.</param>
/// <param name="Data">The rows, each a dictionary from column name to value in column order; NULL is null.</param>
/// <param name="Truncated">Whether more rows matched than the limit allowed.</param>
/// <param name="QueryId">The id written to the audit log for this query.</param>
public sealed record TableQueryResult(
    int Count, IReadOnlyList<IReadOnlyDictionary<string, object?>> Data, bool Truncated, string QueryId);

/// <summary>The result of a SQL query.</summary>
/// <param name="Columns">The result column names in order.</param>
/// <param name="Rows">The rows, each with one value per column; NULL is null.</param>
/// <param name="Count">The number of rows in <paramref name="Rows"/>.</param>
/// <param name="Truncated">Whether the query returned more rows than the limit allowed.</param>
/// <param name="QueryId">The id written to the audit log for this query.</param>
public sealed record SqlQueryResult(
    IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows, int Count, bool Truncated, string QueryId);
