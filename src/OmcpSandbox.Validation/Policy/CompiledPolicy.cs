using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace OmcpSandbox.Validation.Policy;

/// <summary>
/// The effective policy: the option lists with file access and exemptions applied, as maps from a name to the rule
/// reported for it. The same maps are sent to the sandbox runner as JSON.
/// </summary>
internal sealed class CompiledPolicy
{
    public const int Version = 1;

    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _moduleLookup;

    private CompiledPolicy(
        Dictionary<string, string> modules,
        Dictionary<string, string> builtins,
        IEnumerable<string> names,
        Dictionary<string, string> attributes,
        Dictionary<string, string> moduleMembers,
        IEnumerable<string> moduleAttributeNames,
        IEnumerable<string> pathFunctions,
        IEnumerable<string> pathKeywords)
    {
        Modules = modules.ToFrozenDictionary(StringComparer.Ordinal);
        Builtins = builtins.ToFrozenDictionary(StringComparer.Ordinal);
        Names = names.ToFrozenSet(StringComparer.Ordinal);
        Attributes = attributes.ToFrozenDictionary(StringComparer.Ordinal);
        ModuleMembers = moduleMembers.ToFrozenDictionary(StringComparer.Ordinal);
        ModuleAttributeNames = moduleAttributeNames.ToFrozenSet(StringComparer.Ordinal);
        PathFunctions = pathFunctions.ToFrozenSet(StringComparer.Ordinal);
        PathKeywords = pathKeywords.ToFrozenSet(StringComparer.Ordinal);
        _moduleLookup = Modules.GetAlternateLookup<ReadOnlySpan<char>>();
        ModuleMemberLookup = ModuleMembers.GetAlternateLookup<ReadOnlySpan<char>>();
        PathFunctionLookup = PathFunctions.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Gets the blocked modules, dotted, each with its rule.</summary>
    public FrozenDictionary<string, string> Modules { get; }

    /// <summary>Gets the blocked built-in names, each with its rule.</summary>
    public FrozenDictionary<string, string> Builtins { get; }

    /// <summary>Gets the other blocked bare names.</summary>
    public FrozenSet<string> Names { get; }

    /// <summary>Gets the attribute names blocked on any object, each with its rule.</summary>
    public FrozenDictionary<string, string> Attributes { get; }

    /// <summary>Gets the blocked <c>module.member</c> paths, each with its rule.</summary>
    public FrozenDictionary<string, string> ModuleMembers { get; }

    /// <summary>Gets <see cref="ModuleMembers"/> keyed by spans, for paths that are not strings yet.</summary>
    public FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ModuleMemberLookup { get; }

    /// <summary>Gets the attribute names that reach a blocked module (<c>os</c>, <c>_os</c>).</summary>
    public FrozenSet<string> ModuleAttributeNames { get; }

    /// <summary>Gets the functions that may only be given an in-memory buffer; empty when file access is on.</summary>
    public FrozenSet<string> PathFunctions { get; }

    /// <summary>Gets <see cref="PathFunctions"/> keyed by spans.</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PathFunctionLookup { get; }

    /// <summary>Gets the keyword arguments of <see cref="PathFunctions"/> that carry a path.</summary>
    public FrozenSet<string> PathKeywords { get; }

    public static CompiledPolicy From(PythonValidationOptions options)
    {
        var exempt = new HashSet<string>(options.Exemptions, StringComparer.Ordinal);
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        var builtins = new Dictionary<string, string>(StringComparer.Ordinal);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(modules, options.BlockedModules, ValidationRules.BlockedImport, exempt);
        Add(builtins, options.BlockedBuiltins, ValidationRules.BlockedBuiltin, exempt);
        Add(attributes, options.BlockedAttributes, ValidationRules.BlockedAttribute, exempt);
        Add(members, options.BlockedModuleMembers, ValidationRules.BlockedModuleAttribute, exempt);

        // NOTE: with file access on, code can write a .py file under a directory on sys.path (the runner adds
        // /workspace/.packages) and import it. This check never reads that file's source.
        IEnumerable<string> pathFunctions = [];
        if (!options.AllowFileAccess)
        {
            Add(modules, options.FileAccessModules, ValidationRules.FileAccess, exempt);
            Add(builtins, options.FileAccessBuiltins, ValidationRules.FileAccess, exempt);
            Add(attributes, options.FileAccessAttributes, ValidationRules.FileAccess, exempt);
            Add(members, options.FileAccessMembers, ValidationRules.FileAccess, exempt);
            pathFunctions = options.PathFunctions.Where(name => !exempt.Contains(name));
        }

        var allowedAttributeNames = new HashSet<string>(options.AllowedAttributeNames, StringComparer.Ordinal);
        var moduleAttributeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in modules.Keys)
        {
            if (module.Contains('.') || allowedAttributeNames.Contains(module.TrimStart('_')))
            {
                continue;
            }

            moduleAttributeNames.Add(module);
            if (!module.StartsWith('_'))
            {
                moduleAttributeNames.Add("_" + module);
            }
        }

        moduleAttributeNames.ExceptWith(exempt);
        var names = options.BlockedNames.Where(name => !exempt.Contains(name));
        return new CompiledPolicy(
            modules, builtins, names, attributes, members, moduleAttributeNames, pathFunctions, options.PathKeywords);
    }

    /// <summary>
    /// Finds the blocked module that covers a dotted module name, which is blocked when it or any parent package
    /// is, and the rule reported for it.
    /// </summary>
    public (string Module, string Rule)? FindModule(ReadOnlySpan<char> dottedName)
    {
        var end = dottedName.IndexOf('.');
        while (true)
        {
            var prefix = end < 0 ? dottedName : dottedName[..end];
            if (_moduleLookup.TryGetValue(prefix, out var rule))
            {
                return (prefix.ToString(), rule);
            }

            if (end < 0)
            {
                return null;
            }

            var next = dottedName[(end + 1)..].IndexOf('.');
            end = next < 0 ? -1 : end + 1 + next;
        }
    }

    public JsonObject ToJson() => new()
    {
        ["version"] = Version,
        ["modules"] = ToJson(Modules),
        ["builtins"] = ToJson(Builtins),
        ["names"] = ToJson(Names),
        ["attributes"] = ToJson(Attributes),
        ["module_members"] = ToJson(ModuleMembers),
        ["module_attribute_names"] = ToJson(ModuleAttributeNames),
        ["path_functions"] = ToJson(PathFunctions),
        ["path_keywords"] = ToJson(PathKeywords),
        ["messages"] = ValidationMessages.ToJson(),
    };

    private static void Add(Dictionary<string, string> target, IEnumerable<string> names, string rule, HashSet<string> exempt)
    {
        foreach (var name in names)
        {
            if (!exempt.Contains(name))
            {
                target.TryAdd(name, rule);
            }
        }
    }

    private static JsonObject ToJson(FrozenDictionary<string, string> map)
    {
        var result = new JsonObject();
        foreach (var (name, rule) in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            result[name] = rule;
        }

        return result;
    }

    private static JsonArray ToJson(FrozenSet<string> names) =>
        new([.. names.Order(StringComparer.Ordinal).Select(name => (JsonNode?)JsonValue.Create(name))]);
}
