using Microsoft.Extensions.Options;

namespace OmcpSandbox.Validation;

/// <summary>
/// Validates <see cref="PythonValidationOptions"/> at start. Each failure names the setting under
/// <see cref="PythonValidationOptions.SectionName"/> and the value to set instead.
/// </summary>
public sealed class PythonValidationOptionsValidator : IValidateOptions<PythonValidationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PythonValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckNames(failures, nameof(options.BlockedModules), options.BlockedModules, NameShape.Dotted, "a module such as 'os' or 'logging.config'");
        CheckNames(failures, nameof(options.BlockedBuiltins), options.BlockedBuiltins, NameShape.Identifier, "a built-in such as 'eval'");
        CheckNames(failures, nameof(options.BlockedNames), options.BlockedNames, NameShape.Identifier, "a name such as '__loader__'");
        CheckNames(failures, nameof(options.BlockedAttributes), options.BlockedAttributes, NameShape.Identifier, "an attribute such as '__class__'");
        CheckNames(failures, nameof(options.BlockedModuleMembers), options.BlockedModuleMembers, NameShape.Member, "a member such as 'io.open'");
        CheckNames(failures, nameof(options.AllowedAttributeNames), options.AllowedAttributeNames, NameShape.Identifier, "an attribute such as 'code'");
        CheckNames(failures, nameof(options.FileAccessModules), options.FileAccessModules, NameShape.Dotted, "a module such as 'pathlib'");
        CheckNames(failures, nameof(options.FileAccessBuiltins), options.FileAccessBuiltins, NameShape.Identifier, "a built-in such as 'open'");
        CheckNames(failures, nameof(options.FileAccessMembers), options.FileAccessMembers, NameShape.Member, "a member such as 'io.FileIO'");
        CheckNames(failures, nameof(options.FileAccessAttributes), options.FileAccessAttributes, NameShape.Identifier, "an attribute such as 'FileIO'");
        CheckNames(failures, nameof(options.PathFunctions), options.PathFunctions, NameShape.Identifier, "a function such as 'read_csv'");
        CheckNames(failures, nameof(options.PathKeywords), options.PathKeywords, NameShape.Identifier, "a keyword such as 'path'");
        CheckNames(failures, nameof(options.Exemptions), options.Exemptions, NameShape.Dotted, "a listed name such as 'threading'");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckNames(List<string> failures, string setting, List<string>? names, NameShape shape, string example)
    {
        var key = $"{PythonValidationOptions.SectionName}:{setting}";
        if (names is null)
        {
            failures.Add($"{key} is missing; remove the null value so the defaults apply.");
            return;
        }

        for (var i = 0; i < names.Count; i++)
        {
            var value = names[i];
            if (!IsValid(value, shape))
            {
                var shown = value is null ? "null" : $"'{value}'";
                var expected = shape switch
                {
                    NameShape.Identifier => "a Python identifier",
                    NameShape.Member => "a dotted name with a module and a member",
                    _ => "a dotted Python name",
                };
                failures.Add($"{key}:{i} is {shown}, which is not {expected}; set it to {example} or remove it.");
            }
        }
    }

    private static bool IsValid(string? value, NameShape shape)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var parts = value.Split('.');
        if (shape == NameShape.Identifier && parts.Length != 1 || shape == NameShape.Member && parts.Length < 2)
        {
            return false;
        }

        return parts.All(IsIdentifier);
    }

    private static bool IsIdentifier(string part) =>
        part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_');

    private enum NameShape
    {
        Identifier,
        Dotted,
        Member,
    }
}
