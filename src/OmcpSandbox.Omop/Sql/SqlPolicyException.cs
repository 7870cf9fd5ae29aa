namespace OmcpSandbox.Omop.Sql;

/// <summary>Thrown when the read-only SQL policy rejects a statement before it reaches the database.</summary>
public sealed class SqlPolicyException : Exception
{
    /// <summary>Initializes a new instance with the reason and a message that says what to change.</summary>
    public SqlPolicyException(SqlRejectionReason reason, string message, int position = -1)
        : base(message)
    {
        Reason = reason;
        Position = position;
    }

    /// <summary>Gets why the statement was rejected.</summary>
    public SqlRejectionReason Reason { get; }

    /// <summary>Gets the machine-readable code of <see cref="Reason"/>.</summary>
    public string Code => Reason.ToCode();

    /// <summary>Gets the zero-based offset in the SQL text where the problem starts, or -1 when it has none.</summary>
    public int Position { get; }
}
