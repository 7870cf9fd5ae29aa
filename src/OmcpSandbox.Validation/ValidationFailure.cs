namespace OmcpSandbox.Validation;

/// <summary>
/// The reason a piece of Python code was rejected: the rule from <see cref="ValidationRules"/>, the name that broke
/// it, its 1-based line and column (counted in Unicode code points, as an editor shows them) and a message for the
/// user that says what to do instead.
/// </summary>
/// <param name="Rule">The rule name, one of the constants in <see cref="ValidationRules"/>.</param>
/// <param name="Name">The module, built-in, attribute, argument or other name that broke the rule.</param>
/// <param name="Line">The 1-based line of the offending token.</param>
/// <param name="Column">The 1-based column of the offending token.</param>
/// <param name="Message">A sentence for the user with the position and the reason.</param>
public sealed record ValidationFailure(string Rule, string Name, int Line, int Column, string Message);
