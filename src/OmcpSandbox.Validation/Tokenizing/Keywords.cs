using System.Collections.Frozen;

namespace OmcpSandbox.Validation.Tokenizing;

/// <summary>The hard keywords of Python 3.11.</summary>
internal static class Keywords
{
    private static readonly FrozenSet<string> _keywords = new[]
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKeyword(string name) => _keywords.Contains(name);
}
