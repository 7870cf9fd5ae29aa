using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OmcpSandbox.Contracts.Omop;
using OmcpSandbox.Contracts.Sessions;
using OmcpSandbox.Frontend.Auth;

namespace OmcpSandbox.Frontend.Tools;

/// <summary>
/// The OMOP CDM tools. The front end has no database connection: every query goes to <see cref="IOmopQueryGrain"/>
/// on a silo, which checks it, runs it as the read-only role and cancels it at the statement timeout. Names and
/// arguments match the original Python service, so the snake_case parameter names are its wire contract.
/// </summary>
[McpServerToolType]
public sealed class OmopTools(IClusterClient cluster, ClusterCallGuard guard)
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    [McpServerTool(Name = "list_omop_tables", Title = "List the OMOP tables", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ListOmopTablesResult))]
    [Description("Lists the OMOP CDM tables that may be queried, with their column counts and estimated row counts.")]
    public async Task<CallToolResult> ListOmopTables(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken = default)
    {
        var caller = CallerClaims.ToCaller(context.User);
        var result = await guard.CallAsync(() => Grain.ListTablesAsync(caller, cancellationToken));
        if (result.Fault is { } fault)
        {
            return ToolResults.Create(new ListOmopTablesResult(false, Error: fault.Message, Reason: fault.Reason), Describe(fault), true);
        }

        var tables = result.Value!.Tables.Select(table => new OmopTableEntry(table.Name, table.ColumnCount, table.EstimatedRows)).ToList();
        var text = string.Join('\n', tables.Select(table => $"{table.Name} ({table.ColumnCount} columns, about {table.EstimatedRows} rows)"));
        return ToolResults.Create(new ListOmopTablesResult(true, tables, tables.Count), text.Length == 0 ? "No OMOP tables." : text, false);
    }

    [McpServerTool(Name = "describe_omop_table", Title = "Describe an OMOP table", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DescribeOmopTableResult))]
    [Description("Describes the columns of one OMOP CDM table with their PostgreSQL types. Withheld *_source_value columns are left out.")]
    public async Task<CallToolResult> DescribeOmopTable(
        RequestContext<CallToolRequestParams> context,
        [Description("The table name, as list_omop_tables returns it, such as person.")] string table_name,
        CancellationToken cancellationToken = default)
    {
        var caller = CallerClaims.ToCaller(context.User);
        var result = await guard.CallAsync(() => Grain.DescribeTableAsync(caller, table_name ?? "", cancellationToken));
        if (result.Fault is { } fault)
        {
            return ToolResults.Create(new DescribeOmopTableResult(false, Error: fault.Message, Reason: fault.Reason), Describe(fault), true);
        }

        var schema = result.Value!;
        var columns = schema.Columns.Select(column => new OmopColumnEntry(column.Name, column.DataType, column.IsNullable)).ToList();
        var text = $"{schema.Name}:\n" + string.Join('\n', columns.Select(column => $"  {column.Name} {column.Type}{(column.Nullable ? "" : " NOT NULL")}"));
        return ToolResults.Create(new DescribeOmopTableResult(true, schema.Name, columns), text, false);
    }

    [McpServerTool(Name = "query_omop_table", Title = "Read rows of an OMOP table", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(QueryOmopTableResult))]
    [Description("Reads rows of one OMOP CDM table, optionally only some columns and with equality filters. Returns data as "
        + "a list of objects, count, truncated (more rows matched than the limit) and the query_id of the audit log.")]
    public async Task<CallToolResult> QueryOmopTable(
        RequestContext<CallToolRequestParams> context,
        [Description("The table name, such as person or condition_occurrence.")] string table_name,
        [Description("The maximum number of rows, 1 to 1000; default 100.")] int limit = DefaultLimit,
        [Description("The columns to return; every visible column when omitted.")] string[]? columns = null,
        [Description("Equality filters from column name to a value (=), a list of values (IN) or null (IS NULL).")]
        Dictionary<string, JsonElement>? filters = null,
        [Description("A raw SQL condition; rejected unless the operator set ALLOW_UNSAFE_SQL=true. Prefer filters.")] string? where = null,
        CancellationToken cancellationToken = default)
    {
        var caller = CallerClaims.ToCaller(context.User);
        var query = new OmopTableQuery(
            table_name ?? "",
            Math.Clamp(limit, 1, MaxLimit),
            columns,
            filters is null ? null : JsonSerializer.Serialize(filters),
            where);
        var result = await guard.CallAsync(() => Grain.QueryTableAsync(caller, query, cancellationToken));
        if (result.Fault is { } fault)
        {
            return ToolResults.Create(new QueryOmopTableResult(false, Error: fault.Message, Reason: fault.Reason), Describe(fault), true);
        }

        var rows = result.Value!;
        var data = ParseRows(rows.RowsJson)
            .Select(row => (IReadOnlyDictionary<string, JsonElement>)rows.Columns.Zip(row).ToDictionary(pair => pair.First, pair => pair.Second))
            .ToList();
        var value = new QueryOmopTableResult(true, rows.Count, data, rows.Truncated, rows.QueryId);
        return ToolResults.Create(value, JsonSerializer.Serialize(value, ToolResults.JsonOptions), false);
    }

    [McpServerTool(Name = "query_omop_sql", Title = "Run a read-only SQL query on OMOP", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(QueryOmopSqlResult))]
    [Description("Runs one SELECT or WITH ... SELECT statement over the OMOP CDM tables (unqualified names such as person). "
        + "Writes, several statements, comments, system catalogues and unlisted functions are rejected. Returns columns, rows, "
        + "count, truncated and query_id.")]
    public async Task<CallToolResult> QueryOmopSql(
        RequestContext<CallToolRequestParams> context,
        [Description("The SQL statement.")] string sql,
        [Description("The maximum number of rows, 1 to 1000; default 100.")] int limit = DefaultLimit,
        CancellationToken cancellationToken = default)
    {
        var caller = CallerClaims.ToCaller(context.User);
        var query = new OmopSqlQuery(sql ?? "", Math.Clamp(limit, 1, MaxLimit));
        var result = await guard.CallAsync(() => Grain.QuerySqlAsync(caller, query, cancellationToken));
        if (result.Fault is { } fault)
        {
            return ToolResults.Create(new QueryOmopSqlResult(false, Error: fault.Message, Reason: fault.Reason), Describe(fault), true);
        }

        var rows = result.Value!;
        var value = new QueryOmopSqlResult(true, rows.Columns, ParseRows(rows.RowsJson), rows.Count, rows.Truncated, rows.QueryId);
        return ToolResults.Create(value, JsonSerializer.Serialize(value, ToolResults.JsonOptions), false);
    }

    [McpServerTool(Name = "analyze_omop_data", Title = "Run a standard OMOP analysis in a sandbox", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(AnalyzeOmopDataResult))]
    [Description("Runs a standard analysis as Python in a sandbox created with create_sandbox, using omcp.omop inside it: "
        + "basic (row counts of the main tables), demographics (persons by gender and birth decade) or conditions "
        + "(top conditions by person count). Returns the execution result and the parsed analysis.")]
    public async Task<CallToolResult> AnalyzeOmopData(
        RequestContext<CallToolRequestParams> context,
        [Description("The sandbox_id returned by create_sandbox.")] string sandbox_id,
        [Description("The analysis: basic, demographics or conditions.")] string analysis_type = "basic",
        CancellationToken cancellationToken = default)
    {
        var caller = CallerClaims.ToCaller(context.User);
        if (!OmopAnalyses.Code.TryGetValue(analysis_type ?? "", out var code))
        {
            var message = $"Invalid analysis_type '{analysis_type}'; use one of: {string.Join(", ", OmopAnalyses.Code.Keys)}.";
            return AnalysisFailure(analysis_type, message, "invalid_analysis_type");
        }

        if (string.IsNullOrWhiteSpace(sandbox_id))
        {
            return AnalysisFailure(analysis_type, "The sandbox_id argument is missing; pass the id that create_sandbox returned.", "invalid_argument");
        }

        var request = new ExecuteRequest(code, null);
        var result = await guard.CallSessionAsync(
            () => cluster.GetGrain<ISandboxSessionGrain>(sandbox_id).ExecuteAsync(caller, request, cancellationToken));
        if (result.Fault is { } fault)
        {
            return AnalysisFailure(analysis_type, fault.Message, JsonNamingPolicy.SnakeCaseLower.ConvertName(fault.Code.ToString()));
        }

        var outcome = result.Value!;
        var failed = outcome.ExitCode != 0 || outcome.Error is not null || outcome.Rejection is not null;
        var analysis = new AnalyzeOmopDataResult
        {
            Success = !failed,
            AnalysisType = analysis_type,
            Analysis = failed ? null : LastJsonObject(outcome.Stdout),
            Output = outcome.Stdout,
            Stderr = outcome.Stderr,
            Error = outcome.Error is { } error ? $"{error.Type}: {error.Message}" : outcome.Rejection?.Message,
            Traceback = outcome.Error is { Traceback.Length: > 0 } withTrace ? withTrace.Traceback : null,
            ExitCode = outcome.ExitCode,
            TimedOut = outcome.TimedOut,
            OutputTruncated = outcome.OutputTruncated,
            StateReset = outcome.StateReset,
            DurationMs = outcome.DurationMs,
            ValidationError = outcome.Rejection is { } rejection
                ? new ValidationErrorResult(rejection.Rule, rejection.Name, rejection.Line, rejection.Column, rejection.Message)
                : null,
            Reason = failed ? "analysis_failed" : null,
        };

        // The code is the server's, so any failure (OMOP not configured, a timeout) is reported as an error result.
        var text = failed ? $"The {analysis_type} analysis failed: {analysis.Error ?? $"exit code {outcome.ExitCode}"}" : outcome.Stdout;
        return ToolResults.Create(analysis, text, failed);
    }

    private IOmopQueryGrain Grain => cluster.GetGrain<IOmopQueryGrain>(IOmopQueryGrain.Key);

    private static string Describe(OmopFault fault) => $"{fault.Message} (reason: {fault.Reason})";

    private static CallToolResult AnalysisFailure(string? analysisType, string message, string reason) =>
        ToolResults.Create(
            new AnalyzeOmopDataResult { Success = false, AnalysisType = analysisType, ExitCode = 1, Error = message, Reason = reason },
            $"{message} (reason: {reason})",
            true);

    private static List<IReadOnlyList<JsonElement>> ParseRows(string rowsJson)
    {
        using var document = JsonDocument.Parse(rowsJson);
        return document.RootElement.EnumerateArray()
            .Select(row => (IReadOnlyList<JsonElement>)row.EnumerateArray().Select(value => value.Clone()).ToList())
            .ToList();
    }

    private static Dictionary<string, JsonElement>? LastJsonObject(string stdout)
    {
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (line is null || !line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// The Python of each <c>analyze_omop_data</c> analysis. Each one queries through <c>omcp.omop</c>, prints a table and
/// then the analysis as one JSON object on the last line. The code must pass the silo's code validator, so it
/// imports only json and omcp.
/// </summary>
internal static class OmopAnalyses
{
    private const string Basic = """
        import json
        from omcp import omop

        omop_analysis = omop.sql(
            "SELECT 'person' AS table_name, count(*) AS row_count FROM person "
            "UNION ALL SELECT 'observation_period', count(*) FROM observation_period "
            "UNION ALL SELECT 'visit_occurrence', count(*) FROM visit_occurrence "
            "UNION ALL SELECT 'condition_occurrence', count(*) FROM condition_occurrence "
            "UNION ALL SELECT 'drug_exposure', count(*) FROM drug_exposure "
            "UNION ALL SELECT 'measurement', count(*) FROM measurement "
            "UNION ALL SELECT 'observation', count(*) FROM observation "
            "UNION ALL SELECT 'death', count(*) FROM death",
            limit=100,
        )
        print(omop_analysis.to_string(index=False))
        print(json.dumps({
            "analysis_type": "basic",
            "row_counts": {row["table_name"]: int(row["row_count"]) for row in omop_analysis.to_dict("records")},
        }))
        """;

    private const string Demographics = """
        import json
        from omcp import omop

        omop_analysis = omop.sql(
            "SELECT coalesce(c.concept_name, 'Unknown') AS gender, (p.year_of_birth / 10) * 10 AS birth_decade, "
            "count(*) AS persons "
            "FROM person p LEFT JOIN concept c ON c.concept_id = p.gender_concept_id "
            "GROUP BY 1, 2 ORDER BY 2, 1",
            limit=1000,
        )
        print(omop_analysis.to_string(index=False))
        print(json.dumps({
            "analysis_type": "demographics",
            "total_persons": int(omop_analysis["persons"].sum()),
            "by_gender": {str(key): int(value) for key, value in omop_analysis.groupby("gender")["persons"].sum().items()},
            "by_gender_and_decade": json.loads(omop_analysis.to_json(orient="records")),
        }))
        """;

    private const string Conditions = """
        import json
        from omcp import omop

        omop_analysis = omop.sql(
            "SELECT co.condition_concept_id, coalesce(c.concept_name, 'Unknown') AS condition_name, "
            "count(DISTINCT co.person_id) AS persons, count(*) AS occurrences "
            "FROM condition_occurrence co LEFT JOIN concept c ON c.concept_id = co.condition_concept_id "
            "GROUP BY co.condition_concept_id, c.concept_name ORDER BY persons DESC, co.condition_concept_id LIMIT 10",
            limit=10,
        )
        print(omop_analysis.to_string(index=False))
        print(json.dumps({
            "analysis_type": "conditions",
            "top_conditions": json.loads(omop_analysis.to_json(orient="records")),
        }))
        """;

    /// <summary>The code of each analysis by its analysis_type.</summary>
    public static readonly IReadOnlyDictionary<string, string> Code = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["basic"] = Basic,
        ["demographics"] = Demographics,
        ["conditions"] = Conditions,
    };
}
