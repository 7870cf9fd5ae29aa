namespace OmcpSandbox.Omop.Sql;

/// <summary>Kinds of token in PostgreSQL's lexical structure, as far as the read-only policy needs them.</summary>
public enum SqlTokenKind
{
    /// <summary>An unquoted name or key word, folded to lower case.</summary>
    Identifier,

    /// <summary>A double-quoted name, kept as written without the quotes.</summary>
    QuotedIdentifier,

    /// <summary>A standard string constant <c>'...'</c>, or a bit string or national string constant.</summary>
    String,

    /// <summary>An escape string constant <c>E'...'</c>.</summary>
    EscapeString,

    /// <summary>A string or identifier with Unicode escapes, <c>U&amp;'...'</c> or <c>U&amp;"..."</c>.</summary>
    UnicodeEscape,

    /// <summary>A dollar-quoted string constant <c>$tag$...$tag$</c>.</summary>
    DollarQuoted,

    /// <summary>A positional parameter such as <c>$1</c>.</summary>
    Parameter,

    /// <summary>A numeric constant.</summary>
    Number,

    /// <summary>An operator such as <c>=</c>, <c>&lt;&gt;</c> or <c>||</c>.</summary>
    Operator,

    /// <summary>One of <c>( ) [ ] , ; : .</c> or the type cast <c>::</c>.</summary>
    Punctuation,

    /// <summary>A <c>--</c> line comment or a <c>/* */</c> block comment.</summary>
    Comment,
}
