using System.Text.Json;
using System.Text.Json.Nodes;
using OmcpSandbox.Contracts.Omop;
using OmcpSandbox.Grains.Sessions;
using OmcpSandbox.Sandboxing;

namespace OmcpSandbox.Grains.Omop;

/// <summary>Creates the handler for the <c>omop.*</c> calls of the <c>omcp.omop</c> helper inside a sandbox.</summary>
public sealed class OmopCallHandlerFactory(OmopQueryGateway gateway) : ISessionCallHandlerFactory
{
    public IHostCallHandler Create(string sandboxId, string tenant) => new OmopCallHandler(gateway, tenant);
}

/// <summary>
/// Handles the <c>omop.sql</c>, <c>omop.table</c> and <c>omop.tables</c> calls of sandboxed code for the session's tenant.
/// The silo runs the query, so the container needs no network and has no database credentials. A rejection
/// or failure becomes a <see cref="HostCallException"/>, which the code sees as RuntimeError.
/// </summary>
internal sealed class OmopCallHandler(OmopQueryGateway gateway, string tenant) : IHostCallHandler
{
    public async Task<JsonNode?> HandleAsync(string method, JsonElement parameters, CancellationToken cancellationToken)
    {
        switch (method)
        {
            case "omop.sql":
            {
                var query = new OmopSqlQuery(RequiredString(parameters, "sql"), OptionalLimit(parameters));
                return ToNode(await gateway.QuerySqlAsync(query, tenant, cancellationToken));
            }

            case "omop.table":
            {
                var query = new OmopTableQuery(
                    RequiredString(parameters, "table_name"),
                    OptionalLimit(parameters),
                    OptionalColumns(parameters),
                    OptionalFilters(parameters),
                    OptionalString(parameters, "where"));
                return ToNode(await gateway.QueryTableAsync(query, tenant, cancellationToken));
            }

            case "omop.tables":
            {
                var result = await gateway.ListTablesAsync(cancellationToken);
                var tables = new JsonArray();
                foreach (var table in Unwrap(result).Tables)
                {
                    tables.Add(new JsonObject
                    {
                        ["name"] = table.Name,
                        ["column_count"] = table.ColumnCount,
                        ["estimated_rows"] = table.EstimatedRows,
                    });
                }

                return new JsonObject { ["tables"] = tables };
            }

            default:
                throw new MethodNotHandledException(method);
        }
    }

    /// <summary>Formats a fault as the RuntimeError message: the fault's message, then its reason code.</summary>
    internal static string Describe(OmopFault fault) => $"{fault.Message} (reason: {fault.Reason})";

    private static T Unwrap<T>(OmopResult<T> result)
        where T : class =>
        result.Fault is { } fault ? throw new HostCallException(Describe(fault)) : result.Value!;

    private static JsonObject ToNode(OmopResult<OmopRows> result)
    {
        var rows = Unwrap(result);
        var columns = new JsonArray();
        foreach (var column in rows.Columns)
        {
            columns.Add(column);
        }

        return new JsonObject
        {
            ["columns"] = columns,
            ["rows"] = JsonNode.Parse(rows.RowsJson),
            ["count"] = rows.Count,
            ["truncated"] = rows.Truncated,
            ["query_id"] = rows.QueryId,
        };
    }

    private static JsonElement? Property(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object
        && parameters.TryGetProperty(name, out var value)
        && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    private static string RequiredString(JsonElement parameters, string name) =>
        Property(parameters, name) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new HostCallException($"Invalid request: {name} must be a string. (reason: {OmopFaultReasons.InvalidArgument})");

    private static string? OptionalString(JsonElement parameters, string name) => Property(parameters, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new HostCallException($"Invalid request: {name} must be a string or None. (reason: {OmopFaultReasons.InvalidArgument})"),
    };

    private static int? OptionalLimit(JsonElement parameters) => Property(parameters, "limit") switch
    {
        null => null,

        // The service clamps the limit to its maximum, so a huge number is clamped here only to fit an int.
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var limit) => (int)Math.Clamp(limit, int.MinValue, int.MaxValue),
        _ => throw new HostCallException($"Invalid request: limit must be a whole number. (reason: {OmopFaultReasons.InvalidArgument})"),
    };

    private static IReadOnlyList<string>? OptionalColumns(JsonElement parameters)
    {
        if (Property(parameters, "columns") is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw new HostCallException($"Invalid request: columns must be a list of column names. (reason: {OmopFaultReasons.InvalidArgument})");
        }

        return value.EnumerateArray().Select(item => item.GetString()!).ToList();
    }

    private static string? OptionalFilters(JsonElement parameters) => Property(parameters, "filters") switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => value.GetRawText(),
        _ => throw new HostCallException(
            $"Invalid request: filters must be a dict from column name to a value, a list or None. (reason: {OmopFaultReasons.InvalidArgument})"),
    };
}
