namespace OmcpSandbox.Validation;

/// <summary>
/// Names of the rules that <see cref="PythonCodeValidator"/> and the in-sandbox checker <c>omcp_policy.py</c> report
/// in <see cref="ValidationFailure.Rule"/>. Both sides use the same names, so callers may match on them.
/// </summary>
public static class ValidationRules
{
    /// <summary>
    /// The code does not tokenize as Python 3.11: an unterminated string, an unmatched bracket, a bad indentation,
    /// an invalid character or null bytes. The message repeats CPython's wording where the tokenizer can know it.
    /// </summary>
    public const string SyntaxError = "syntax_error";

    /// <summary>
    /// A PEP 263 coding declaration in line 1 or 2 names an encoding other than UTF-8. A file written with such a
    /// declaration would be decoded differently from the text that was checked.
    /// </summary>
    public const string EncodingDeclaration = "encoding_declaration";

    /// <summary>
    /// An <c>import</c> or <c>from ... import</c> names a blocked module, a submodule of one (<c>os.path</c>), or
    /// imports a blocked module as a member of an allowed one (<c>from statistics import sys</c>).
    /// </summary>
    public const string BlockedImport = "blocked_import";

    /// <summary>
    /// A blocked built-in such as <c>eval</c> or <c>getattr</c> is used as a name, whether it is called, assigned,
    /// passed, applied as a decorator, bound as a parameter or imported under that name.
    /// </summary>
    public const string BlockedBuiltin = "blocked_builtin";

    /// <summary>
    /// A bare name that reaches interpreter internals without being a usual built-in (<c>__loader__</c>,
    /// <c>__spec__</c>, <c>license</c>), or a special method assigned in a class or module body instead of being
    /// defined with <c>def</c> (<c>__missing__ = ...</c>), which lets the interpreter call any object implicitly.
    /// </summary>
    public const string BlockedName = "blocked_name";

    /// <summary>
    /// An introspection attribute (<c>__class__</c>, <c>__globals__</c>, <c>gi_frame</c>, <c>f_back</c> and the
    /// like) is read, whether through <c>.name</c>, a subscript with a constant string, a class pattern keyword in
    /// <c>match</c>, <c>.obj</c> on a caught exception, or a name-mangled private attribute of another class.
    /// </summary>
    public const string BlockedAttribute = "blocked_attribute";

    /// <summary>
    /// An attribute reaches a blocked module or a blocked member of a module: modules re-exported by allowed ones
    /// (<c>logging.os</c>, <c>random._os</c>), members such as <c>io.open</c> or <c>types.CodeType</c>, and helpers
    /// that import or run a string (<c>pkgutil.resolve_name</c>, <c>operator.attrgetter</c>).
    /// </summary>
    public const string BlockedModuleAttribute = "blocked_module_attribute";

    /// <summary>
    /// A constant format string passed to <c>str.format</c>, <c>format_map</c> or <c>Formatter.vformat</c> has a
    /// field that reads a blocked attribute or index (<c>'{0.__class__}'</c>).
    /// </summary>
    public const string BlockedFormatField = "blocked_format_field";

    /// <summary>
    /// The code reads or writes files by path while file access is off: <c>open</c>, <c>io.open</c>,
    /// <c>pathlib</c>, <c>tempfile</c>, or a pandas, numpy or matplotlib reader or writer whose path argument is
    /// not an in-memory <c>io.StringIO</c> or <c>io.BytesIO</c> buffer.
    /// </summary>
    public const string FileAccess = "file_access";

    /// <summary>
    /// A keyword argument makes a call deserialise code: <c>allow_pickle</c> with any value but the constant
    /// <c>False</c>.
    /// </summary>
    public const string BlockedArgument = "blocked_argument";

    /// <summary>
    /// A pandas <c>query</c> expression that the validator cannot check: it is not a single constant string, or it
    /// follows an <c>@</c> local with an attribute, call or subscript, or it reads a blocked attribute.
    /// </summary>
    public const string BlockedExpression = "blocked_expression";
}
