namespace OmcpSandbox.Omop.Sql;

/// <summary>One token of a SQL text.</summary>
/// <param name="Kind">The token kind.</param>
/// <param name="Text">The token as written.</param>
/// <param name="Value">
/// The name for identifiers (folded to lower case unless quoted), the content for string constants, otherwise the text.
/// </param>
/// <param name="Position">The zero-based offset of the token in the SQL text.</param>
public readonly record struct SqlToken(SqlTokenKind Kind, string Text, string Value, int Position)
{
    /// <summary>Gets a value indicating whether the token is the unquoted key word or name <paramref name="word"/>.</summary>
    public bool IsWord(string word) => Kind == SqlTokenKind.Identifier && Value == word;

    /// <summary>Gets a value indicating whether the token is the punctuation or operator <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string symbol) => Kind is SqlTokenKind.Punctuation or SqlTokenKind.Operator && Text == symbol;

    /// <summary>Gets a value indicating whether the token is a name, quoted or not.</summary>
    public bool IsName => Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier;
}
