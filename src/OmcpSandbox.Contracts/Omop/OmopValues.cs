namespace OmcpSandbox.Contracts.Omop;

/// <summary>
/// Rows returned by an OMOP query. The values cross the wire as one JSON text because their database types vary
/// (dates, timestamps, numerics, text, NULL).
/// </summary>
/// <param name="Columns">The column names in order.</param>
/// <param name="RowsJson">
/// A JSON array with one array per row and one value per column. Dates are <c>yyyy-MM-dd</c> strings, timestamps ISO
/// 8601 strings, numbers JSON numbers and NULL is null.
/// </param>
/// <param name="Count">The number of rows in <paramref name="RowsJson"/>.</param>
/// <param name="Truncated">Whether more rows matched than the limit allowed.</param>
/// <param name="QueryId">The id the audit log records for this query.</param>
[GenerateSerializer, Immutable, Alias("omcp.OmopRows")]
public sealed record OmopRows(
    [property: Id(0)] IReadOnlyList<string> Columns,
    [property: Id(1)] string RowsJson,
    [property: Id(2)] int Count,
    [property: Id(3)] bool Truncated,
    [property: Id(4)] string QueryId);

/// <summary>The OMOP tables the reader role may query.</summary>
[GenerateSerializer, Immutable, Alias("omcp.OmopTableList")]
public sealed record OmopTableList([property: Id(0)] IReadOnlyList<OmopTableInfo> Tables);

/// <summary>One OMOP table.</summary>
/// <param name="Name">The table name in omop_cdm.</param>
/// <param name="ColumnCount">The number of columns the reader may see.</param>
/// <param name="EstimatedRows">PostgreSQL's row estimate from the last ANALYZE, or -1 when the table was never analyzed.</param>
[GenerateSerializer, Immutable, Alias("omcp.OmopTableInfo")]
public sealed record OmopTableInfo([property: Id(0)] string Name, [property: Id(1)] int ColumnCount, [property: Id(2)] long EstimatedRows);

/// <summary>The visible columns of one OMOP table.</summary>
[GenerateSerializer, Immutable, Alias("omcp.OmopTableSchema")]
public sealed record OmopTableSchema([property: Id(0)] string Name, [property: Id(1)] IReadOnlyList<OmopColumnInfo> Columns);

/// <summary>One column of an OMOP table.</summary>
/// <param name="Name">The column name.</param>
/// <param name="DataType">The PostgreSQL type, for example <c>integer</c> or <c>character varying(50)</c>.</param>
/// <param name="IsNullable">Whether the column accepts NULL.</param>
[GenerateSerializer, Immutable, Alias("omcp.OmopColumnInfo")]
public sealed record OmopColumnInfo([property: Id(0)] string Name, [property: Id(1)] string DataType, [property: Id(2)] bool IsNullable);
