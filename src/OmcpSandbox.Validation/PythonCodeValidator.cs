using Microsoft.Extensions.Options;
using OmcpSandbox.Validation.Policy;
using OmcpSandbox.Validation.Tokenizing;

namespace OmcpSandbox.Validation;

/// <summary>
/// Checks Python code against <see cref="PythonValidationOptions"/> before it is sent to a sandbox, so that code
/// using blocked modules, built-ins or interpreter internals is rejected with a reason and a position. The
/// container stays the security boundary: this check stops well-known escapes early and explains them, and the
/// runner repeats it inside the sandbox with CPython's own parser.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class PythonCodeValidator
{
    private readonly bool _enabled;
    private readonly CompiledPolicy _policy;

    /// <summary>Creates a validator for the given options; later changes to the options object are not seen.</summary>
    public PythonCodeValidator(PythonValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _enabled = options.Enabled;
        _policy = CompiledPolicy.From(options);
    }

    /// <summary>Creates a validator for the configured options.</summary>
    public PythonCodeValidator(IOptions<PythonValidationOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <summary>
    /// Checks <paramref name="code"/> and returns the first failure in source order, or null when the code may run
    /// (always null when validation is disabled).
    /// </summary>
    public ValidationFailure? Validate(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!_enabled)
        {
            return null;
        }

        if (EncodingDeclaration.FindNonUtf8(code) is var (encoding, line, column))
        {
            return Failure(ValidationRules.EncodingDeclaration, encoding, line, column);
        }

        if (code.Contains('\0'))
        {
            return Failure(ValidationRules.SyntaxError, "source code string cannot contain null bytes", 1, 1);
        }

        var tokens = TokenListCache.Rent();
        try
        {
            PythonTokenizer.Tokenize(code, tokens);
            return PolicyChecker.Check(tokens, _policy);
        }
        catch (PythonSyntaxException exception)
        {
            return Failure(ValidationRules.SyntaxError, exception.Message, exception.Line, exception.Column);
        }
        finally
        {
            TokenListCache.Return(tokens);
        }
    }

    private static ValidationFailure Failure(string rule, string name, int line, int column) =>
        new(rule, name, line, column, ValidationMessages.Format(rule, name, line, column, name));
}
