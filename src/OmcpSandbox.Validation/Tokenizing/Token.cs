namespace OmcpSandbox.Validation.Tokenizing;

/// <summary>
/// One token. <see cref="Text"/> is the NFKD-folded identifier for names, the operator for operators and the raw
/// text for numbers. Line and column are 1-based and count Unicode code points. For a bracket, <see cref="Pair"/>
/// is the index of its matching bracket in the same token list; for every other token it is -1.
/// </summary>
internal readonly record struct Token(
    TokenKind Kind, string Text, int Line, int Column, StringLiteral? Literal = null, int Pair = -1)
{
    public bool IsName(string text) => Kind == TokenKind.Name && Text == text;

    public bool IsOperator(string text) => Kind == TokenKind.Operator && Text == text;

    /// <summary>Gets a value indicating whether the token ends an operand, so that a following bracket is a call or subscript.</summary>
    public bool EndsOperand =>
        Kind switch
        {
            TokenKind.Name => !Keywords.IsKeyword(Text) || Text is "None" or "True" or "False",
            TokenKind.Number or TokenKind.String => true,
            TokenKind.Operator => Text is ")" or "]" or "}",
            _ => false,
        };
}
