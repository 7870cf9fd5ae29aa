using NpgsqlTypes;

namespace OmcpSandbox.Omop.Schema;

/// <summary>One column of an OMOP CDM table as this project creates it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="SqlType">The PostgreSQL type as written in CREATE TABLE, for example <c>varchar(50)</c>.</param>
/// <param name="DbType">The type used when the column is written with binary COPY.</param>
/// <param name="Required">Whether the column is NOT NULL.</param>
public sealed record OmopColumnDefinition(string Name, string SqlType, NpgsqlDbType DbType, bool Required);
