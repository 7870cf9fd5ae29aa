namespace OmcpSandbox.Contracts.Omop;

/// <summary>A query over one OMOP table.</summary>
/// <param name="TableName">The omop_cdm table.</param>
/// <param name="Limit">The maximum number of rows; the silo clamps it and uses its default when null.</param>
/// <param name="Columns">The columns to return; every visible column when null or empty.</param>
/// <param name="FiltersJson">
/// A JSON object from column name to a value (equality), a list of values (IN) or null (IS NULL); null for no filters.
/// </param>
/// <param name="Where">A raw condition, accepted only when the silo allows unsafe SQL.</param>
[GenerateSerializer, Immutable, Alias("omcp.OmopTableQuery")]
public sealed record OmopTableQuery(
    [property: Id(0)] string TableName,
    [property: Id(1)] int? Limit = null,
    [property: Id(2)] IReadOnlyList<string>? Columns = null,
    [property: Id(3)] string? FiltersJson = null,
    [property: Id(4)] string? Where = null);

/// <summary>One SELECT or WITH ... SELECT statement.</summary>
/// <param name="Sql">The statement; one trailing semicolon is allowed.</param>
/// <param name="Limit">The maximum number of rows; the silo clamps it and uses its default when null.</param>
[GenerateSerializer, Immutable, Alias("omcp.OmopSqlQuery")]
public sealed record OmopSqlQuery([property: Id(0)] string Sql, [property: Id(1)] int? Limit = null);
