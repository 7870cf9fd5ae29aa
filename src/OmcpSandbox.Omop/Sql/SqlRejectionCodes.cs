namespace OmcpSandbox.Omop.Sql;

/// <summary>Machine-readable codes for <see cref="SqlRejectionReason"/>, stable across releases.</summary>
public static class SqlRejectionCodes
{
    /// <summary>Returns the snake_case code of <paramref name="reason"/>, for example <c>function_not_allowed</c>.</summary>
    public static string ToCode(this SqlRejectionReason reason) => reason switch
    {
        SqlRejectionReason.Empty => "empty",
        SqlRejectionReason.Malformed => "malformed",
        SqlRejectionReason.Comment => "comment",
        SqlRejectionReason.DollarQuoting => "dollar_quoting",
        SqlRejectionReason.EscapeString => "escape_string",
        SqlRejectionReason.UnicodeEscape => "unicode_escape",
        SqlRejectionReason.Parameter => "parameter",
        SqlRejectionReason.MultipleStatements => "multiple_statements",
        SqlRejectionReason.NotSelect => "not_select",
        SqlRejectionReason.Write => "write",
        SqlRejectionReason.WritableCte => "writable_cte",
        SqlRejectionReason.SelectInto => "select_into",
        SqlRejectionReason.LockingClause => "locking_clause",
        SqlRejectionReason.ForbiddenKeyword => "forbidden_keyword",
        SqlRejectionReason.FunctionNotAllowed => "function_not_allowed",
        SqlRejectionReason.TableNotAllowed => "table_not_allowed",
        SqlRejectionReason.SystemCatalog => "system_catalog",
        SqlRejectionReason.SourceValueColumn => "source_value_column",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown SQL rejection reason."),
    };
}
