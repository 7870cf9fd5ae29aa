namespace OmcpSandbox.Validation.Policy;

/// <summary>The policy facts about one identifier, computed once per distinct name in a validation.</summary>
[Flags]
internal enum NameFlags
{
    None = 0,
    Keyword = 1,
    Checked = 2,
    BareNameMatters = 4,
    AttributeMatters = 8,
}
