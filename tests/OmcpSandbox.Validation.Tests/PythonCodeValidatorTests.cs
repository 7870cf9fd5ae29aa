namespace OmcpSandbox.Validation.Tests;

public sealed class PythonCodeValidatorTests
{
    private static readonly PythonCodeValidator _validator = new(new PythonValidationOptions());

    [Theory]
    [MemberData(nameof(ValidatorCases.Blocked), MemberType = typeof(ValidatorCases))]
    public void Validate_BlockedCode_ReportsRuleAndName(string code, string rule, string name)
    {
        var failure = _validator.Validate(code);

        Assert.NotNull(failure);
        Assert.Equal(rule, failure.Rule);
        Assert.Equal(name, failure.Name);
    }

    [Theory]
    [MemberData(nameof(ValidatorCases.Allowed), MemberType = typeof(ValidatorCases))]
    public void Validate_OrdinaryCode_Allows(string code)
    {
        var failure = _validator.Validate(code);

        Assert.Null(failure);
    }

    [Fact]
    public void Validate_BlockedImport_ReportsPositionAndMessage()
    {
        var failure = _validator.Validate("import json\nimport os\n");

        Assert.NotNull(failure);
        Assert.Equal(2, failure.Line);
        Assert.Equal(8, failure.Column);
        Assert.Equal(
            "Import of 'os' is not allowed (line 2, column 8). Sandboxed code cannot use operating-system modules.",
            failure.Message);
    }

    [Fact]
    public void Validate_NonAsciiBeforeName_CountsCodePoints()
    {
        var failure = _validator.Validate("x = '\U0001D452é'; eval('1')\n");

        Assert.NotNull(failure);
        Assert.Equal(1, failure.Line);
        Assert.Equal(11, failure.Column);
    }

    [Fact]
    public void Validate_FirstFailureInSourceOrder_IsReported()
    {
        var failure = _validator.Validate("def run():\n    return eval('1')\nimport os\n");

        Assert.NotNull(failure);
        Assert.Equal("eval", failure.Name);
        Assert.Equal(2, failure.Line);
    }

    [Fact]
    public void Validate_SyntaxError_ReportsCPythonPosition()
    {
        var failure = _validator.Validate("x = 'abc\n");

        Assert.NotNull(failure);
        Assert.Equal(1, failure.Line);
        Assert.Equal(5, failure.Column);
        Assert.Equal("unterminated string literal (detected at line 1) (line 1, column 5).", failure.Message);
    }

    [Fact]
    public void Validate_Disabled_AllowsEverything()
    {
        var validator = new PythonCodeValidator(new PythonValidationOptions { Enabled = false });

        Assert.Null(validator.Validate("import os\nos.system('id')\n"));
    }

    [Theory]
    [InlineData("open('/tmp/data.txt').read()\n")]
    [InlineData("import pathlib\nprint(pathlib.Path('/tmp').exists())\n")]
    [InlineData("import tempfile\nprint(tempfile.gettempdir())\n")]
    [InlineData("import io\nio.open('/tmp/x', 'w')\n")]
    [InlineData("import pandas as pd\npd.read_csv('/workspace/data.csv')\n")]
    [InlineData("import matplotlib.pyplot as plt\nplt.savefig('plot.png')\n")]
    [InlineData("from io import FileIO\n")]
    public void Validate_FileAccessAllowed_AllowsFiles(string code)
    {
        var validator = new PythonCodeValidator(new PythonValidationOptions { AllowFileAccess = true });

        Assert.Null(validator.Validate(code));
    }

    [Fact]
    public void Validate_FileAccessAllowed_StillBlocksPickle()
    {
        var validator = new PythonCodeValidator(new PythonValidationOptions { AllowFileAccess = true });

        var failure = validator.Validate("import pandas as pd\npd.read_pickle('x.pkl')\n");

        Assert.NotNull(failure);
        Assert.Equal(ValidationRules.BlockedAttribute, failure.Rule);
    }

    [Fact]
    public void Validate_Exemption_AllowsListedModule()
    {
        var options = new PythonValidationOptions { Exemptions = ["threading"] };
        var validator = new PythonCodeValidator(options);

        Assert.Null(validator.Validate("import threading\nthreading.Lock()\n"));
        Assert.NotNull(validator.Validate("import os\n"));
    }

    [Fact]
    public void Validate_ConfiguredModule_IsBlocked()
    {
        var options = new PythonValidationOptions();
        options.BlockedModules.Add("scipy");
        var validator = new PythonCodeValidator(options);

        var failure = validator.Validate("from scipy import stats\n");

        Assert.NotNull(failure);
        Assert.Equal(ValidationRules.BlockedImport, failure.Rule);
        Assert.Equal("scipy", failure.Name);
        Assert.Contains("The sandbox policy blocks it.", failure.Message, StringComparison.Ordinal);
    }
}
