namespace OmcpSandbox.Omop.Sql;

/// <summary>Why the read-only SQL policy rejected a statement. <see cref="SqlRejectionCodes"/> gives each a stable code.</summary>
public enum SqlRejectionReason
{
    /// <summary>The text is empty or only a semicolon.</summary>
    Empty,

    /// <summary>The text cannot be tokenized: an unterminated literal or a character PostgreSQL does not accept.</summary>
    Malformed,

    /// <summary>The text contains a comment.</summary>
    Comment,

    /// <summary>The text contains a dollar-quoted string.</summary>
    DollarQuoting,

    /// <summary>The text contains an escape string constant (<c>E'...'</c>).</summary>
    EscapeString,

    /// <summary>The text contains a Unicode escape (<c>U&amp;'...'</c> or <c>U&amp;"..."</c>).</summary>
    UnicodeEscape,

    /// <summary>The text contains a positional parameter such as <c>$1</c>.</summary>
    Parameter,

    /// <summary>The text contains more than one statement.</summary>
    MultipleStatements,

    /// <summary>The statement is not a SELECT or WITH ... SELECT query.</summary>
    NotSelect,

    /// <summary>The statement contains a data-modifying or schema-changing command.</summary>
    Write,

    /// <summary>A common table expression runs a data-modifying command.</summary>
    WritableCte,

    /// <summary>The statement is a SELECT ... INTO, which creates a table.</summary>
    SelectInto,

    /// <summary>The statement has a locking clause such as FOR UPDATE or FOR SHARE.</summary>
    LockingClause,

    /// <summary>The statement uses a key word that no read-only query needs, such as SET, COPY or OPERATOR.</summary>
    ForbiddenKeyword,

    /// <summary>The statement calls a function that is not on the allow-list.</summary>
    FunctionNotAllowed,

    /// <summary>The statement reads a relation that is not an OMOP CDM table.</summary>
    TableNotAllowed,

    /// <summary>The statement names a system catalog, a system schema or another schema.</summary>
    SystemCatalog,

    /// <summary>The statement names a <c>*_source_value</c> column while such columns are withheld.</summary>
    SourceValueColumn,
}
