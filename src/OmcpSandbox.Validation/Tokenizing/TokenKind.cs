namespace OmcpSandbox.Validation.Tokenizing;

/// <summary>The kinds of token that <see cref="PythonTokenizer"/> produces, as in CPython's tokenize module.</summary>
internal enum TokenKind
{
    Name,
    Number,
    String,
    Operator,
    Newline,
    Indent,
    Dedent,
    EndOfInput,
}
