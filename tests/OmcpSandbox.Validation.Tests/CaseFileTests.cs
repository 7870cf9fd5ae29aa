namespace OmcpSandbox.Validation.Tests;

public sealed class CaseFileTests
{
    private static readonly PythonCodeValidator _validator = new(new PythonValidationOptions());

    [Theory]
    [MemberData(nameof(CaseFile.All), MemberType = typeof(CaseFile))]
    public void Validate_CaseFile_MatchesExpectation(ValidatorCase validatorCase)
    {
        var failure = _validator.Validate(validatorCase.Code);

        if (validatorCase.ShouldBlock)
        {
            Assert.True(failure is not null, $"{validatorCase.Id} should be blocked: {validatorCase.Technique}");
        }
        else
        {
            Assert.True(failure is null, $"{validatorCase.Id} should be allowed, got {failure}");
        }
    }
}
