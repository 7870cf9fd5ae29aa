namespace OmcpSandbox.Omop.Query;

/// <summary>Thrown when an OMOP query fails; the message states what failed and what to do.</summary>
public sealed class OmopQueryException : Exception
{
    /// <summary>Initializes a new instance with an error code and a message for the caller.</summary>
    public OmopQueryException(OmopQueryErrorCode errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Gets why the query failed.</summary>
    public OmopQueryErrorCode ErrorCode { get; }

    /// <summary>Gets the machine-readable code of <see cref="ErrorCode"/>, for example <c>invalid_table</c>.</summary>
    public string Code => ErrorCode switch
    {
        OmopQueryErrorCode.InvalidTable => "invalid_table",
        OmopQueryErrorCode.InvalidColumn => "invalid_column",
        OmopQueryErrorCode.WithheldColumn => "withheld_column",
        OmopQueryErrorCode.InvalidValue => "invalid_value",
        OmopQueryErrorCode.UnsafeSqlDisabled => "unsafe_sql_disabled",
        OmopQueryErrorCode.Timeout => "timeout",
        OmopQueryErrorCode.PermissionDenied => "permission_denied",
        OmopQueryErrorCode.QueryFailed => "query_failed",
        OmopQueryErrorCode.UnsafeReaderRole => "unsafe_reader_role",
        _ => "unknown",
    };
}
