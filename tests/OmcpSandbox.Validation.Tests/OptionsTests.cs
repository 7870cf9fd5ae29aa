using System.Text;
using OmcpSandbox.Validation.Tokenizing;

namespace OmcpSandbox.Validation.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void OptionsValidator_Defaults_Succeed()
    {
        var result = new PythonValidationOptionsValidator().Validate(null, new PythonValidationOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void OptionsValidator_EmptyModule_NamesSetting()
    {
        var options = new PythonValidationOptions();
        options.BlockedModules.Add("");

        var result = new PythonValidationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Validation:BlockedModules:{options.BlockedModules.Count - 1}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsValidator_MemberWithoutModule_NamesSetting()
    {
        var options = new PythonValidationOptions { BlockedModuleMembers = ["open"] };

        var result = new PythonValidationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Validation:BlockedModuleMembers:0 is 'open'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("such as 'io.open'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RunnerPolicy_Defaults_MapNamesToRules()
    {
        var policy = new PythonValidationOptions().ToRunnerPolicy();

        Assert.Equal(1, policy["version"]!.GetValue<int>());
        Assert.Equal("blocked_import", policy["modules"]!["os"]!.GetValue<string>());
        Assert.Equal("file_access", policy["modules"]!["pathlib"]!.GetValue<string>());
        Assert.Equal("file_access", policy["builtins"]!["open"]!.GetValue<string>());
        Assert.Equal("blocked_builtin", policy["builtins"]!["eval"]!.GetValue<string>());
        Assert.Equal("file_access", policy["module_members"]!["io.open"]!.GetValue<string>());
        Assert.Contains("_os", policy["module_attribute_names"]!.AsArray().Select(node => node!.GetValue<string>()));
        Assert.NotEmpty(policy["path_functions"]!.AsArray());
        Assert.NotNull(policy["messages"]!["templates"]!["blocked_import"]);
    }

    [Fact]
    public void RunnerPolicy_FileAccessAllowed_DropsFileRules()
    {
        var policy = new PythonValidationOptions { AllowFileAccess = true }.ToRunnerPolicy();

        Assert.Null(policy["builtins"]!["open"]);
        Assert.Null(policy["modules"]!["pathlib"]);
        Assert.Empty(policy["path_functions"]!.AsArray());
    }

    [Fact]
    public void RunnerPolicy_Exemption_RemovesEntry()
    {
        var policy = new PythonValidationOptions { Exemptions = ["threading", "_thread"] }.ToRunnerPolicy();

        Assert.Null(policy["modules"]!["threading"]);
        Assert.DoesNotContain("threading", policy["module_attribute_names"]!.AsArray().Select(node => node!.GetValue<string>()));
    }

    // The project builds with InvariantGlobalization, where string.Normalize leaves FormKC input unchanged
    // on Linux; this records that behaviour, which is why identifiers are folded with an embedded table.
    [Fact]
    public void Normalize_InvariantGlobalization_LeavesFullwidthUnchanged()
    {
        Assert.Equal("ｅｖａｌ", "ｅｖａｌ".Normalize(NormalizationForm.FormKC));
    }

    [Theory]
    [InlineData("ｅｖａｌ", "eval")]
    [InlineData("ºſ", "os")]
    [InlineData("\U0001D452\U0001D463\U0001D44E\U0001D459", "eval")]
    [InlineData("ｓｙｓ", "sys")]
    [InlineData("ℯｘｅｃ", "exec")]
    [InlineData("_\uFF3F", "__")]
    public void Fold_LookAlike_BecomesAscii(string identifier, string expected)
    {
        Assert.Equal(expected, IdentifierFolding.Fold(identifier));
    }

    [Fact]
    public void Fold_ComposedAndDecomposed_AreEqual()
    {
        Assert.Equal(IdentifierFolding.Fold("caf\u00E9"), IdentifierFolding.Fold("cafe\u0301"));
    }
}
