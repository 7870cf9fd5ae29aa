using System.Text.Json.Nodes;
using OmcpSandbox.Validation.Policy;

namespace OmcpSandbox.Validation;

/// <summary>
/// The policy that <see cref="PythonCodeValidator"/> on the silo and <c>omcp_policy.py</c> in the sandbox apply to
/// code before it runs, bound from the configuration section <see cref="SectionName"/>.
/// </summary>
/// <remarks>
/// Every list starts with safe defaults. The configuration binder appends configured entries to a list that
/// already has items, so configuration can add names to a list but not remove defaults; list a default in
/// <see cref="Exemptions"/> to allow it. Names are matched exactly and case-sensitively, as Python does.
/// </remarks>
public sealed class PythonValidationOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Validation";

    /// <summary>Gets or sets a value indicating whether code is checked at all. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether code may read and write files inside the container: the built-in
    /// <c>open</c>, <see cref="FileAccessModules"/>, <see cref="FileAccessMembers"/>,
    /// <see cref="FileAccessAttributes"/> and file paths given to <see cref="PathFunctions"/>. Defaults to false.
    /// </summary>
    public bool AllowFileAccess { get; set; }

    /// <summary>
    /// Gets or sets the modules that may not be imported, as dotted names. A name blocks its submodules too, so
    /// <c>os</c> blocks <c>os.path</c>; a dotted entry such as <c>logging.config</c> blocks only that submodule.
    /// Single-part names are also blocked as attribute names, with and without a leading underscore
    /// (<c>logging.os</c>, <c>random._os</c>), unless they are listed in <see cref="AllowedAttributeNames"/>.
    /// </summary>
    public List<string> BlockedModules { get; set; } = [.. DefaultPolicy.Modules];

    /// <summary>Gets or sets the built-in names that may not be used in any way, called or not.</summary>
    public List<string> BlockedBuiltins { get; set; } = [.. DefaultPolicy.Builtins];

    /// <summary>
    /// Gets or sets other bare names that may not be used: globals that the <c>builtins</c> module provides besides
    /// the functions (<c>__loader__</c>, <c>__spec__</c>) and the <c>site</c> helpers (<c>license</c>).
    /// </summary>
    public List<string> BlockedNames { get; set; } = [.. DefaultPolicy.Names];

    /// <summary>
    /// Gets or sets the attribute names that may not be read on any object, through <c>.name</c>, a constant
    /// string subscript, a format string field or a class pattern keyword.
    /// </summary>
    public List<string> BlockedAttributes { get; set; } = [.. DefaultPolicy.Attributes];

    /// <summary>
    /// Gets or sets the members of otherwise allowed modules that may not be used, as <c>module.member</c>
    /// (<c>types.CodeType</c>). They are matched where the module is reached through an import or alias, and in
    /// <c>from module import member</c>.
    /// </summary>
    public List<string> BlockedModuleMembers { get; set; } = [.. DefaultPolicy.ModuleMembers];

    /// <summary>
    /// Gets or sets the names in <see cref="BlockedModules"/> that stay allowed as attribute names because they are
    /// common words (<c>err.code</c>, <c>df.site</c>), with and without a leading underscore.
    /// </summary>
    public List<string> AllowedAttributeNames { get; set; } = [.. DefaultPolicy.AllowedAttributeNames];

    /// <summary>Gets or sets the modules that are blocked only while <see cref="AllowFileAccess"/> is false.</summary>
    public List<string> FileAccessModules { get; set; } = [.. DefaultPolicy.FileAccessModules];

    /// <summary>Gets or sets the built-ins that are blocked only while <see cref="AllowFileAccess"/> is false.</summary>
    public List<string> FileAccessBuiltins { get; set; } = [.. DefaultPolicy.FileAccessBuiltins];

    /// <summary>
    /// Gets or sets the module members (<c>io.open</c>) that are blocked only while <see cref="AllowFileAccess"/>
    /// is false.
    /// </summary>
    public List<string> FileAccessMembers { get; set; } = [.. DefaultPolicy.FileAccessMembers];

    /// <summary>
    /// Gets or sets the attribute names (<c>FileIO</c>, <c>Path</c>) that are blocked on any object only while
    /// <see cref="AllowFileAccess"/> is false.
    /// </summary>
    public List<string> FileAccessAttributes { get; set; } = [.. DefaultPolicy.FileAccessAttributes];

    /// <summary>
    /// Gets or sets the functions and methods (<c>read_csv</c>, <c>savefig</c>) that, while
    /// <see cref="AllowFileAccess"/> is false, may only be given an in-memory buffer: an inline
    /// <c>io.StringIO(...)</c> or <c>io.BytesIO(...)</c> call, or a name assigned from one. Any other first
    /// positional argument or <see cref="PathKeywords"/> value counts as a file path.
    /// </summary>
    public List<string> PathFunctions { get; set; } = [.. DefaultPolicy.PathFunctions];

    /// <summary>Gets or sets the keyword arguments of <see cref="PathFunctions"/> that carry a path or buffer.</summary>
    public List<string> PathKeywords { get; set; } = [.. DefaultPolicy.PathKeywords];

    /// <summary>
    /// Gets or sets names removed from every list above after binding, for deployments that need a default entry
    /// allowed (<c>threading</c>, <c>io.open</c>).
    /// </summary>
    public List<string> Exemptions { get; set; } = [];

    /// <summary>
    /// Builds the policy that the sandbox runner passes to <c>omcp_policy.check</c>, with file access and
    /// <see cref="Exemptions"/> already applied. Each map sends a name to the rule reported for it.
    /// </summary>
    public JsonObject ToRunnerPolicy() => CompiledPolicy.From(this).ToJson();
}
