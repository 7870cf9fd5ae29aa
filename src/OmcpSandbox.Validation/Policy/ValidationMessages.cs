using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace OmcpSandbox.Validation.Policy;

/// <summary>
/// The user-facing message of each rule. The templates and reasons are also sent to the sandbox runner, so that
/// <c>omcp_policy.py</c> words its failures exactly as the silo does.
/// </summary>
internal static class ValidationMessages
{
    private const string OperatingSystem = "Sandboxed code cannot use operating-system modules.";
    private const string Network = "Sandboxed code has no network access.";
    private const string CodeLoading = "Sandboxed code cannot load or run code by name or inspect the interpreter.";
    private const string Serialisation = "Loading pickled or marshalled data can run arbitrary code.";
    private const string Concurrency = "Sandboxed code cannot start threads or processes.";
    private const string Runner = "The internals of the sandbox runner are not available to sandboxed code.";
    private const string FromStrings = "Sandboxed code cannot run code from strings.";
    private const string ByName = "Sandboxed code cannot look up attributes or namespaces by name; use ordinary attribute access.";
    private const string Terminal = "Sandboxed code has no interactive terminal.";
    private const string Exit = "End the script normally or raise an exception instead.";

    private static readonly FrozenDictionary<string, string> _templates = new Dictionary<string, string>
    {
        [ValidationRules.SyntaxError] = "{name} (line {line}, column {column}).",
        [ValidationRules.EncodingDeclaration] =
            "The coding declaration '{name}' is not allowed (line {line}, column {column}). "
            + "The sandbox runs source as UTF-8; remove the declaration or declare utf-8.",
        [ValidationRules.BlockedImport] = "Import of '{name}' is not allowed (line {line}, column {column}). {reason}",
        [ValidationRules.BlockedBuiltin] = "Use of the built-in '{name}' is not allowed (line {line}, column {column}). {reason}",
        [ValidationRules.BlockedName] =
            "Use of the name '{name}' is not allowed (line {line}, column {column}). It reaches interpreter internals, "
            + "or binds a special method the interpreter calls implicitly; define special methods with def.",
        [ValidationRules.BlockedAttribute] =
            "Access to the attribute '{name}' is not allowed (line {line}, column {column}). Sandboxed code cannot "
            + "inspect interpreter internals such as classes, frames, globals or code objects.",
        [ValidationRules.BlockedModuleAttribute] =
            "Access to '{name}' is not allowed (line {line}, column {column}). It reaches a blocked module, or a member "
            + "that imports, builds or runs code.",
        [ValidationRules.BlockedFormatField] =
            "The format field '{name}' is not allowed (line {line}, column {column}). Format strings cannot read "
            + "interpreter internals; format the values you need directly.",
        [ValidationRules.FileAccess] =
            "'{name}' reads or writes files, which is not allowed (line {line}, column {column}) because file access is "
            + "turned off for this sandbox. Keep data in memory with io.StringIO or io.BytesIO.",
        [ValidationRules.BlockedArgument] =
            "The argument '{name}' is not allowed (line {line}, column {column}). Loading pickled data can run "
            + "arbitrary code; pass allow_pickle=False or leave it out.",
        [ValidationRules.BlockedExpression] =
            "The query expression is not allowed (line {line}, column {column}) because of '{name}'. Pass the "
            + "expression as one string literal, refer to local variables as @name without attributes, calls or "
            + "subscripts, and read no interpreter internals.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> _reasons = BuildReasons();

    /// <summary>Formats the message of a rule; the reason sentence is looked up by <paramref name="reasonKey"/>.</summary>
    public static string Format(string rule, string name, int line, int column, string reasonKey)
    {
        var reason = _reasons.GetValueOrDefault(reasonKey) ?? "The sandbox policy blocks it.";
        return _templates[rule]
            .Replace("{name}", name, StringComparison.Ordinal)
            .Replace("{line}", line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{column}", column.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{reason}", reason, StringComparison.Ordinal);
    }

    public static JsonObject ToJson()
    {
        var templates = new JsonObject();
        foreach (var (rule, template) in _templates.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            templates[rule] = template;
        }

        var reasons = new JsonObject();
        foreach (var (name, reason) in _reasons.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            reasons[name] = reason;
        }

        return new JsonObject { ["templates"] = templates, ["reasons"] = reasons, ["default_reason"] = "The sandbox policy blocks it." };
    }

    private static FrozenDictionary<string, string> BuildReasons()
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string reason, params string[] names)
        {
            foreach (var name in names)
            {
                reasons[name] = reason;
            }
        }

        Add(OperatingSystem, "os", "sys", "subprocess", "shutil", "posix", "nt", "posixpath", "ntpath", "genericpath",
            "_posixsubprocess", "signal", "_signal", "pty", "tty", "termios", "fcntl", "resource", "mmap", "platform",
            "getpass", "sysconfig", "faulthandler", "webbrowser", "ctypes", "_ctypes", "cffi", "_io");
        Add(Network, "socket", "_socket", "ssl", "select", "selectors", "socketserver", "asyncore", "asynchat", "requests",
            "urllib", "urllib3", "httpx", "aiohttp", "http", "ftplib", "poplib", "imaplib", "smtplib", "smtpd", "telnetlib",
            "nntplib", "xmlrpc", "wsgiref");
        Add(CodeLoading, "builtins", "__builtin__", "__main__", "gc", "inspect", "_operator", "_string", "_imp",
            "_frozen_importlib", "_frozen_importlib_external", "zipimport", "imp", "importlib", "pkgutil", "pkg_resources",
            "setuptools", "distutils", "pip", "ensurepip", "venv", "site", "runpy", "code", "codeop", "compileall",
            "py_compile", "zipapp", "pydoc", "pydoc_data", "timeit", "cProfile", "profile", "_lsprof", "doctest", "trace",
            "tracemalloc", "pdb", "bdb", "unittest", "logging.config", "logging.handlers", "numpy.ctypeslib", "numpy.f2py",
            "numpy.distutils", "numpy.testing", "matplotlib.testing");
        Add(Serialisation, "pickle", "_pickle", "cPickle", "pickletools", "dill", "cloudpickle", "joblib", "marshal",
            "shelve", "dbm", "sqlite3", "_sqlite3", "pandas.io.pickle", "pandas.compat.pickle_compat");
        Add(Concurrency, "_thread", "threading", "multiprocessing", "concurrent", "asyncio", "_asyncio");
        Add(Runner, "runner", "_omcp_channel", "omcp_policy");
        Add(FromStrings, "exec", "eval", "compile", "__build_class__");
        Add(ByName, "__import__", "globals", "locals", "vars", "getattr", "setattr", "delattr", "__builtins__");
        Add(Terminal, "input", "breakpoint", "help");
        Add(Exit, "exit", "quit");
        return reasons.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
