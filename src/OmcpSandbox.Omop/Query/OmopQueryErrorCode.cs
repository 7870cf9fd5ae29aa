namespace OmcpSandbox.Omop.Query;

/// <summary>Why an OMOP query failed, other than a rejection by the SQL policy.</summary>
public enum OmopQueryErrorCode
{
    /// <summary>The table is not an omop_cdm table the reader may see.</summary>
    InvalidTable,

    /// <summary>The column is not a column of the table.</summary>
    InvalidColumn,

    /// <summary>The column is a withheld <c>*_source_value</c> column.</summary>
    WithheldColumn,

    /// <summary>A filter value has a shape or type the column cannot take.</summary>
    InvalidValue,

    /// <summary>A raw where condition was given while <c>ALLOW_UNSAFE_SQL</c> is off.</summary>
    UnsafeSqlDisabled,

    /// <summary>The database cancelled the query at the statement timeout.</summary>
    Timeout,

    /// <summary>The database denied the reader role access.</summary>
    PermissionDenied,

    /// <summary>The database rejected or failed the query for another reason.</summary>
    QueryFailed,

    /// <summary>The reader role has rights it must not have, so the service will not use it.</summary>
    UnsafeReaderRole,
}
