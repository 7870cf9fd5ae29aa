using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using OmcpSandbox.Contracts.Omop;
using OmcpSandbox.Omop.Query;
using OmcpSandbox.Omop.Sql;

namespace OmcpSandbox.Grains.Omop;

/// <summary>
/// Runs OMOP queries for the query grain and for sandboxed code alike, so both get the same policy, limits and
/// audit log. Turns the caller's failures into <see cref="OmopFault"/> values and rows into JSON text.
/// </summary>
public sealed partial class OmopQueryGateway
{
    private readonly OmopQueryService? _service;
    private readonly ILogger<OmopQueryGateway> _logger;

    /// <summary>Initializes the gateway; <paramref name="service"/> is null when the silo has no OMOP settings.</summary>
    public OmopQueryGateway(OmopQueryService? service, ILogger<OmopQueryGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _service = service;
        _logger = logger;
    }

    /// <summary>The message returned for every query while the silo has no OMOP settings.</summary>
    public const string NotConfiguredMessage =
        "OMOP queries are not configured on this server. An operator can enable them by setting OMOP_DB_PASSWORD to the "
        + "read-only role's password on every silo, and OMOP_DB_HOST, OMOP_DB_PORT, OMOP_DB_NAME and OMOP_DB_USER where "
        + "they differ from 127.0.0.1, 5432, omop and omcp_reader. ./omcp up sets up a local sample database and does this.";

    /// <summary>Gets a value indicating whether the silo has OMOP settings.</summary>
    public bool IsConfigured => _service is not null;

    /// <summary>Lists the tables the reader role may query.</summary>
    public Task<OmopResult<OmopTableList>> ListTablesAsync(CancellationToken cancellationToken) =>
        RunAsync(async service =>
        {
            var tables = await service.ListTablesAsync(cancellationToken);
            return new OmopTableList(tables.Select(table => new OmopTableInfo(table.Name, table.ColumnCount, table.EstimatedRows)).ToList());
        });

    /// <summary>Describes the visible columns of <paramref name="tableName"/>.</summary>
    public Task<OmopResult<OmopTableSchema>> DescribeTableAsync(string? tableName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tableName))
        {
            return Task.FromResult(OmopResult<OmopTableSchema>.Fail(
                OmopFaultReasons.InvalidArgument, "The table_name argument is missing; pass a table name from list_omop_tables."));
        }

        return RunAsync(async service =>
        {
            var description = await service.DescribeTableAsync(tableName, cancellationToken);
            return new OmopTableSchema(
                description.Name,
                description.Columns.Select(column => new OmopColumnInfo(column.Name, column.DataType, column.IsNullable)).ToList());
        });
    }

    /// <summary>Reads rows of one table for <paramref name="tenant"/>.</summary>
    public Task<OmopResult<OmopRows>> QueryTableAsync(OmopTableQuery query, string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.TableName))
        {
            return Task.FromResult(OmopResult<OmopRows>.Fail(
                OmopFaultReasons.InvalidArgument, "The table_name argument is missing; pass a table name from list_omop_tables."));
        }

        IReadOnlyDictionary<string, object?>? filters;
        try
        {
            filters = ParseFilters(query.FiltersJson);
        }
        catch (JsonException)
        {
            return Task.FromResult(OmopResult<OmopRows>.Fail(
                OmopFaultReasons.InvalidArgument,
                "Invalid filters: pass an object from column name to a value (=), a list of values (IN) or null (IS NULL)."));
        }

        return RunAsync(async service =>
        {
            var columns = query.Columns is { Count: > 0 } requested ? requested : null;
            var result = await service.QueryTableAsync(query.TableName, query.Limit, columns, filters, query.Where, tenant, cancellationToken);
            IReadOnlyList<string> names;
            if (result.Data.Count > 0)
            {
                names = result.Data[0].Keys.ToList();
            }
            else if (columns is not null)
            {
                names = columns;
            }
            else
            {
                // No row carries the column names, but a data frame of no rows still needs them.
                var description = await service.DescribeTableAsync(query.TableName, cancellationToken);
                names = description.Columns.Select(column => column.Name).ToList();
            }

            var rows = result.Data.Select(row => (IReadOnlyList<object?>)names.Select(name => row.GetValueOrDefault(name)).ToList()).ToList();
            return new OmopRows(names, OmopRowsJson.Serialize(rows), result.Count, result.Truncated, result.QueryId);
        });
    }

    /// <summary>Runs one policy-checked SELECT statement for <paramref name="tenant"/>.</summary>
    public Task<OmopResult<OmopRows>> QuerySqlAsync(OmopSqlQuery query, string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.Sql))
        {
            return Task.FromResult(OmopResult<OmopRows>.Fail(
                OmopFaultReasons.InvalidArgument, "The sql argument is missing; pass one SELECT or WITH ... SELECT statement."));
        }

        return RunAsync(async service =>
        {
            var result = await service.QuerySqlAsync(query.Sql, query.Limit, tenant, cancellationToken);
            return new OmopRows(result.Columns, OmopRowsJson.Serialize(result.Rows), result.Count, result.Truncated, result.QueryId);
        });
    }

    private async Task<OmopResult<T>> RunAsync<T>(Func<OmopQueryService, Task<T>> query)
        where T : class
    {
        if (_service is null)
        {
            return OmopResult<T>.Fail(OmopFaultReasons.NotConfigured, NotConfiguredMessage);
        }

        try
        {
            return OmopResult<T>.Ok(await query(_service));
        }
        catch (SqlPolicyException rejection)
        {
            return OmopResult<T>.Fail(rejection.Code, rejection.Message);
        }
        catch (OmopQueryException failure)
        {
            return OmopResult<T>.Fail(failure.Code, failure.Message);
        }
        catch (PostgresException exception)
        {
            // Listing and describing tables are not audited queries, so the service passes their database errors on.
            LogDatabaseFailed(exception.GetType().Name, exception.SqlState, exception);
            return OmopResult<T>.Fail("query_failed", $"The OMOP catalogue query failed: {exception.MessageText}.");
        }
        catch (NpgsqlException exception)
        {
            LogDatabaseFailed(exception.GetType().Name, "none", exception);
            return OmopResult<T>.Fail(
                OmopFaultReasons.DatabaseUnavailable,
                $"The OMOP database could not be reached ({exception.Message}). Try again; if it persists, the operator "
                + "should check that the database is running and the OMOP_DB_* settings of the silos.");
        }
    }

    private static IReadOnlyDictionary<string, object?>? ParseFilters(string? filtersJson)
    {
        if (string.IsNullOrWhiteSpace(filtersJson))
        {
            return null;
        }

        using var document = JsonDocument.Parse(filtersJson);
        if (document.RootElement.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The filters are not a JSON object.");
        }

        var filters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            filters[property.Name] = property.Value.Clone();
        }

        return filters;
    }

    [LoggerMessage(2200, LogLevel.Warning, "An OMOP catalogue query failed with {ExceptionType} (SQLSTATE {SqlState})")]
    private partial void LogDatabaseFailed(string exceptionType, string sqlState, Exception exception);
}
