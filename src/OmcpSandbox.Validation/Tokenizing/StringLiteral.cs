namespace OmcpSandbox.Validation.Tokenizing;

/// <summary>
/// A string literal: its prefix flags, its decoded value for plain strings and, for f-strings, the tokens of every
/// replacement field expression, including those nested in format specs.
/// </summary>
internal sealed class StringLiteral
{
    public StringLiteral(bool isBytes, bool isFormatted, string? value, IReadOnlyList<List<Token>> expressions)
    {
        IsBytes = isBytes;
        IsFormatted = isFormatted;
        Value = value;
        Expressions = expressions;
    }

    public bool IsBytes { get; }

    public bool IsFormatted { get; }

    /// <summary>Gets the decoded value of a plain or bytes string (bytes as Latin-1), or null for an f-string.</summary>
    public string? Value { get; }

    public IReadOnlyList<List<Token>> Expressions { get; }
}
