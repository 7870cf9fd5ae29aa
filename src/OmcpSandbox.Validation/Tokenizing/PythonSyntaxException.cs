namespace OmcpSandbox.Validation.Tokenizing;

/// <summary>Raised by <see cref="PythonTokenizer"/> when the source does not tokenize, with CPython's wording.</summary>
internal sealed class PythonSyntaxException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
