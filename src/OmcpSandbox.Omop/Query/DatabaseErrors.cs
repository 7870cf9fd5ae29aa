using Npgsql;

namespace OmcpSandbox.Omop.Query;

/// <summary>Turns database errors into <see cref="OmopQueryException"/> with messages for the caller.</summary>
internal static class DatabaseErrors
{
    public static OmopQueryException Translate(Exception exception, TimeSpan statementTimeout)
    {
        var postgres = exception as PostgresException ?? exception.InnerException as PostgresException;
        var seconds = statementTimeout.TotalSeconds;
        if (postgres?.SqlState == PostgresErrorCodes.QueryCanceled || exception.InnerException is TimeoutException)
        {
            return new OmopQueryException(
                OmopQueryErrorCode.Timeout,
                $"The query was cancelled at the statement timeout of {seconds:0.#} s; narrow it with filters, "
                + "fewer joins or aggregates and try again.",
                exception);
        }

        if (postgres?.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return new OmopQueryException(
                OmopQueryErrorCode.PermissionDenied,
                $"Permission denied: {postgres.MessageText}. The reader may read only omop_cdm tables and, while "
                + "*_source_value columns are withheld, no such column: list the columns you need instead of SELECT * "
                + "or a whole-row reference (describe_omop_table shows them).",
                exception);
        }

        if (postgres is { SqlState: var state } && state.StartsWith("22", StringComparison.Ordinal))
        {
            return new OmopQueryException(
                OmopQueryErrorCode.InvalidValue,
                $"Invalid value: {postgres.MessageText}. Check that each value matches its column's type (describe_omop_table).",
                exception);
        }

        var message = postgres?.MessageText ?? exception.Message;
        return new OmopQueryException(OmopQueryErrorCode.QueryFailed, $"The query failed: {message}.", exception);
    }
}
