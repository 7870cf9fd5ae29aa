using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OmcpSandbox.Omop.Schema;
using OmcpSandbox.Omop.Sql;

namespace OmcpSandbox.Omop.Query;

/// <summary>
/// Read-only queries over the OMOP CDM tables as the reader role: listing and describing tables, table queries with
/// equality filters, and policy-checked SQL. Every query runs in a read-only transaction with a statement timeout,
/// fetches at most limit + 1 rows and writes one audit log line.
/// </summary>
public sealed class OmopQueryService : IAsyncDisposable
{
    private const string TableKind = "table";
    private const string SqlKind = "sql";

    private readonly OmopOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ReaderRoleCheck _roleCheck;

    /// <summary>Initializes the service and its connection pool for the reader role.</summary>
    public OmopQueryService(IOptions<OmopOptions> options, ILogger<OmopQueryService> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _dataSource = NpgsqlDataSource.Create(_options.BuildReaderConnectionString());
        _roleCheck = new ReaderRoleCheck(_options.ReaderUser);
    }

    /// <summary>Lists the omop_cdm tables the reader may query.</summary>
    public Task<IReadOnlyList<OmopTableSummary>> ListTablesAsync(CancellationToken cancellationToken = default) =>
        RunAsync(async (connection, transaction) =>
        {
            var catalog = await LoadCatalogAsync(connection, transaction, cancellationToken);
            return catalog.Summaries();
        }, cancellationToken);

    /// <summary>Describes the visible columns of <paramref name="table"/>.</summary>
    /// <exception cref="OmopQueryException">The table is not an omop_cdm table (<c>invalid_table</c>).</exception>
    public Task<OmopTableDescription> DescribeTableAsync(string table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return RunAsync(async (connection, transaction) =>
        {
            var catalog = await LoadCatalogAsync(connection, transaction, cancellationToken);
            var name = catalog.ResolveTable(table);
            return new OmopTableDescription(name, catalog.ColumnsOf(name));
        }, cancellationToken);
    }

    /// <summary>
    /// Reads rows of one table. Table and column names are checked against the live catalogue and values are sent as
    /// parameters.
    /// </summary>
    /// <param name="tableName">The omop_cdm table.</param>
    /// <param name="limit">The maximum number of rows, clamped to 1 to <see cref="OmopOptions.MaxRows"/>;
    /// <see cref="OmopOptions.DefaultLimit"/> when null.</param>
    /// <param name="columns">The columns to return; every visible column when null or empty.</param>
    /// <param name="filters">Equality filters by column: a value means =, a list means IN, null means IS NULL.</param>
    /// <param name="where">A raw boolean condition, accepted only when <see cref="OmopOptions.AllowUnsafeSql"/> is on and
    /// the condition passes the SQL policy.</param>
    /// <param name="tenant">The caller's tenant, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="OmopQueryException">A name, value or the query is invalid, or the database failed it.</exception>
    /// <exception cref="SqlPolicyException">The where condition breaks the SQL policy.</exception>
    public async Task<TableQueryResult> QueryTableAsync(
        string tableName,
        int? limit = null,
        IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? filters = null,
        string? where = null,
        string? tenant = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        var queryId = NewQueryId();
        var started = _timeProvider.GetTimestamp();
        var rowLimit = ClampLimit(limit);
        try
        {
            if (where is not null && !_options.AllowUnsafeSql)
            {
                throw new OmopQueryException(
                    OmopQueryErrorCode.UnsafeSqlDisabled,
                    "Raw where conditions are disabled; use filters (column to value, a list for IN, null for IS NULL), "
                    + "or ask the operator to set ALLOW_UNSAFE_SQL=true.");
            }

            var (table, rows, truncated) = await RunAsync(async (connection, transaction) =>
            {
                var catalog = await LoadCatalogAsync(connection, transaction, cancellationToken);
                await using var command = TableQueryBuilder.Build(catalog, tableName, columns, filters, where, rowLimit, _options,
                    new SqlPolicy(catalog.Tables, _options.ExposeSourceValues));
                command.Connection = connection;
                command.Transaction = transaction;
                var (names, values, more) = await ReadRowsAsync(command, rowLimit, cancellationToken);
                var data = values.Select(row => ToDictionary(names, row)).ToList();
                return (catalog.ResolveTable(tableName), data, more);
            }, cancellationToken);

            QueryLog.QueryCompleted(_logger, TableKind, queryId, TenantOf(tenant), table, rows.Count, truncated, ElapsedMs(started));
            return new TableQueryResult(rows.Count, rows, truncated, queryId);
        }
        catch (Exception exception) when (exception is OmopQueryException or SqlPolicyException or PostgresException or NpgsqlException)
        {
            throw Report(TableKind, queryId, tenant, started, exception);
        }
    }

    /// <summary>Runs one policy-checked SELECT or WITH ... SELECT statement over the omop_cdm tables.</summary>
    /// <param name="sql">The statement; one trailing semicolon is allowed.</param>
    /// <param name="limit">The maximum number of rows, clamped like <see cref="QueryTableAsync"/>.</param>
    /// <param name="tenant">The caller's tenant, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="SqlPolicyException">The statement breaks the SQL policy; it never reached the database.</exception>
    /// <exception cref="OmopQueryException">The database failed, cancelled or denied the query.</exception>
    public async Task<SqlQueryResult> QuerySqlAsync(
        string sql, int? limit = null, string? tenant = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var queryId = NewQueryId();
        var started = _timeProvider.GetTimestamp();
        var rowLimit = ClampLimit(limit);
        try
        {
            var (analysis, names, rows, truncated) = await RunAsync(async (connection, transaction) =>
            {
                var catalog = await LoadCatalogAsync(connection, transaction, cancellationToken);
                var checkedSql = new SqlPolicy(catalog.Tables, _options.ExposeSourceValues).Check(sql);
                var wrapped = $"SELECT * FROM (\n{checkedSql.Statement}\n) AS omcp_query LIMIT {(rowLimit + 1).ToString(CultureInfo.InvariantCulture)}";
                await using var command = new NpgsqlCommand(wrapped, connection, transaction);
                var (columnNames, values, more) = await ReadRowsAsync(command, rowLimit, cancellationToken);
                return (checkedSql, columnNames, values, more);
            }, cancellationToken);

            var (visibleNames, visibleRows) = WithoutSourceValues(names, rows);
            QueryLog.QueryCompleted(_logger, SqlKind, queryId, TenantOf(tenant), string.Join(",", analysis.Tables),
                visibleRows.Count, truncated, ElapsedMs(started));
            return new SqlQueryResult(visibleNames, visibleRows, visibleRows.Count, truncated, queryId);
        }
        catch (Exception exception) when (exception is OmopQueryException or SqlPolicyException or PostgresException or NpgsqlException)
        {
            throw Report(SqlKind, queryId, tenant, started, exception);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> body, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await _roleCheck.VerifyAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var timeout = ((long)_options.StatementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await using (var setup = new NpgsqlCommand($"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {timeout}", connection, transaction))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        var result = await body(connection, transaction);
        await transaction.RollbackAsync(cancellationToken);
        return result;
    }

    private Task<OmopCatalog> LoadCatalogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OmopCatalog.LoadAsync(connection, transaction, _options.ExposeSourceValues, cancellationToken);

    private async Task<(IReadOnlyList<string> Names, List<IReadOnlyList<object?>> Rows, bool Truncated)> ReadRowsAsync(
        NpgsqlCommand command, int rowLimit, CancellationToken cancellationToken)
    {
        // The command timeout is a backstop for a server that stops responding, because statement_timeout cancels first.
        command.CommandTimeout = (int)Math.Ceiling(_options.StatementTimeout.TotalSeconds) + 5;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<IReadOnlyList<object?>>();
        var truncated = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rows.Count == rowLimit)
            {
                truncated = true;
                break;
            }

            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = await ReadValueAsync(reader, i, cancellationToken);
            }

            rows.Add(values);
        }

        return (names, rows, truncated);
    }

    private static async Task<object?> ReadValueAsync(NpgsqlDataReader reader, int ordinal, CancellationToken cancellationToken)
    {
        if (await reader.IsDBNullAsync(ordinal, cancellationToken))
        {
            return null;
        }

        return reader.GetDataTypeName(ordinal) == "date"
            ? await reader.GetFieldValueAsync<DateOnly>(ordinal, cancellationToken)
            : reader.GetValue(ordinal);
    }

    private (IReadOnlyList<string> Names, IReadOnlyList<IReadOnlyList<object?>> Rows) WithoutSourceValues(
        IReadOnlyList<string> names, List<IReadOnlyList<object?>> rows)
    {
        // The reader role's column grants already withhold these columns; this drops them if the grants were wider.
        var keep = Enumerable.Range(0, names.Count)
            .Where(i => _options.ExposeSourceValues || !SqlPolicy.IsSourceValueName(names[i]))
            .ToList();
        if (keep.Count == names.Count)
        {
            return (names, rows);
        }

        return (keep.Select(i => names[i]).ToList(), rows.Select(row => (IReadOnlyList<object?>)keep.Select(i => row[i]).ToList()).ToList());
    }

    private static IReadOnlyDictionary<string, object?> ToDictionary(IReadOnlyList<string> names, IReadOnlyList<object?> row)
    {
        var dictionary = new Dictionary<string, object?>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            dictionary[names[i]] = row[i];
        }

        return dictionary;
    }

    private int ClampLimit(int? limit) => Math.Clamp(limit ?? _options.DefaultLimit, 1, _options.MaxRows);

    private Exception Report(string kind, string queryId, string? tenant, long started, Exception exception)
    {
        switch (exception)
        {
            case SqlPolicyException rejection:
                QueryLog.QueryRejected(_logger, kind, queryId, TenantOf(tenant), rejection.Code);
                return rejection;
            case OmopQueryException { InnerException: null } invalid:
                QueryLog.QueryRejected(_logger, kind, queryId, TenantOf(tenant), invalid.Code);
                return invalid;
            default:
                var translated = exception as OmopQueryException ?? DatabaseErrors.Translate(exception, _options.StatementTimeout);
                var sqlState = (exception as PostgresException)?.SqlState ?? (exception.InnerException as PostgresException)?.SqlState ?? "none";
                QueryLog.QueryFailed(_logger, kind, queryId, TenantOf(tenant), translated.Code, sqlState, ElapsedMs(started));
                return translated;
        }
    }

    private long ElapsedMs(long started) => (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;

    private static string TenantOf(string? tenant) => string.IsNullOrEmpty(tenant) ? "(none)" : tenant;

    private static string NewQueryId() => Guid.CreateVersion7().ToString("N");
}
