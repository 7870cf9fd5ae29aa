using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmcpSandbox.Frontend.Tools;

/// <summary>
/// The result of <c>query_omop_table</c>: the rows as objects from column name to value (NULL is null) or, on
/// failure, the message and a machine-readable reason such as <c>invalid_column</c>.
/// </summary>
public sealed record QueryOmopTableResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("count")] int Count = 0,
    [property: JsonPropertyName("data")] IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>? Data = null,
    [property: JsonPropertyName("truncated")] bool Truncated = false,
    [property: JsonPropertyName("query_id")] string? QueryId = null,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("reason")] string? Reason = null);

/// <summary>
/// The result of <c>query_omop_sql</c>: the column names and the rows as arrays with one value per column (NULL is
/// null) or, on failure, the message and a machine-readable reason such as <c>not_select</c>.
/// </summary>
public sealed record QueryOmopSqlResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("columns")] IReadOnlyList<string>? Columns = null,
    [property: JsonPropertyName("rows")] IReadOnlyList<IReadOnlyList<JsonElement>>? Rows = null,
    [property: JsonPropertyName("count")] int Count = 0,
    [property: JsonPropertyName("truncated")] bool Truncated = false,
    [property: JsonPropertyName("query_id")] string? QueryId = null,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("reason")] string? Reason = null);

/// <summary>The result of <c>list_omop_tables</c>.</summary>
public sealed record ListOmopTablesResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("tables")] IReadOnlyList<OmopTableEntry>? Tables = null,
    [property: JsonPropertyName("count")] int Count = 0,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("reason")] string? Reason = null);

/// <summary>
/// One table in <see cref="ListOmopTablesResult"/>, with PostgreSQL's row estimate from the last ANALYZE (-1 when the
/// table was never analyzed).
/// </summary>
public sealed record OmopTableEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("column_count")] int ColumnCount,
    [property: JsonPropertyName("estimated_rows")] long EstimatedRows);

/// <summary>The result of <c>describe_omop_table</c>.</summary>
public sealed record DescribeOmopTableResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("table_name")] string? TableName = null,
    [property: JsonPropertyName("columns")] IReadOnlyList<OmopColumnEntry>? Columns = null,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("reason")] string? Reason = null);

/// <summary>One column in <see cref="DescribeOmopTableResult"/>, with its PostgreSQL type such as <c>character varying(50)</c>.</summary>
public sealed record OmopColumnEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("nullable")] bool Nullable);

/// <summary>
/// The result of <c>analyze_omop_data</c>: the fields of <see cref="ExecuteResult"/> plus the analysis the code
/// printed as JSON on its last output line.
/// </summary>
public sealed record AnalyzeOmopDataResult
{
    [JsonPropertyName("success")] public bool Success { get; init; }
    [JsonPropertyName("analysis_type")] public string? AnalysisType { get; init; }

    /// <summary>Gets the parsed analysis, or null when the code failed or printed no JSON object last.</summary>
    [JsonPropertyName("analysis")] public IReadOnlyDictionary<string, JsonElement>? Analysis { get; init; }

    [JsonPropertyName("output")] public string Output { get; init; } = "";
    [JsonPropertyName("stderr")] public string Stderr { get; init; } = "";
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("traceback")] public string? Traceback { get; init; }
    [JsonPropertyName("exit_code")] public int ExitCode { get; init; }
    [JsonPropertyName("timed_out")] public bool TimedOut { get; init; }
    [JsonPropertyName("output_truncated")] public bool OutputTruncated { get; init; }
    [JsonPropertyName("state_reset")] public bool StateReset { get; init; }
    [JsonPropertyName("duration_ms")] public double DurationMs { get; init; }
    [JsonPropertyName("validation_error")] public ValidationErrorResult? ValidationError { get; init; }

    /// <summary>Gets the machine-readable failure code, for example <c>invalid_analysis_type</c>; null on success.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
}
