namespace OmcpSandbox.Validation.Tokenizing;

/// <summary>
/// The identifiers, numbers and plain string literals seen in one tokenization, so that each distinct text is
/// allocated once and equal names are the same string instance.
/// </summary>
internal sealed class InternPool
{
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _texts =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Dictionary<string, StringLiteral>.AlternateLookup<ReadOnlySpan<char>> _literals =
        new Dictionary<string, StringLiteral>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns the pooled string equal to <paramref name="text"/>, adding it on first sight.</summary>
    public string Intern(ReadOnlySpan<char> text)
    {
        if (_texts.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        pooled = text.ToString();
        _texts[pooled] = pooled;
        return pooled;
    }

    /// <summary>Finds the literal decoded earlier from the same source text, prefix and quotes included.</summary>
    public bool TryGetLiteral(ReadOnlySpan<char> text, out StringLiteral literal) => _literals.TryGetValue(text, out literal!);

    public void AddLiteral(ReadOnlySpan<char> text, StringLiteral literal) => _literals[text] = literal;
}
