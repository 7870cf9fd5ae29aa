namespace OmcpSandbox.Validation.Policy;

/// <summary>The default lists behind <see cref="PythonValidationOptions"/>.</summary>
internal static class DefaultPolicy
{
    public static readonly string[] Modules =
    [
        // Operating system, processes and the interpreter itself.
        "os", "sys", "subprocess", "shutil", "posix", "nt", "posixpath", "ntpath", "genericpath", "_posixsubprocess",
        "signal", "_signal", "pty", "tty", "termios", "fcntl", "resource", "mmap", "platform", "getpass", "sysconfig",
        "faulthandler", "webbrowser", "ctypes", "_ctypes", "cffi", "builtins", "__builtin__", "__main__", "_io",
        "gc", "inspect", "_thread", "threading", "multiprocessing", "concurrent", "asyncio", "_asyncio",
        "_operator", "_string", "_imp", "_frozen_importlib", "_frozen_importlib_external", "zipimport", "imp",
        "importlib", "pkgutil", "pkg_resources", "setuptools", "distutils", "pip", "ensurepip", "venv", "site",
        "runpy", "code", "codeop", "compileall", "py_compile", "zipapp", "pydoc", "pydoc_data", "timeit",
        "cProfile", "profile", "_lsprof", "doctest", "trace", "tracemalloc", "pdb", "bdb", "unittest",
        "logging.config", "logging.handlers", "numpy.ctypeslib", "numpy.f2py", "numpy.distutils", "numpy.testing",
        "matplotlib.testing", "pandas.io.pickle", "pandas.compat.pickle_compat",
        // Serialisers that run code while loading.
        "pickle", "_pickle", "cPickle", "pickletools", "dill", "cloudpickle", "joblib", "marshal", "shelve", "dbm",
        "sqlite3", "_sqlite3",
        // Network clients and servers.
        "socket", "_socket", "ssl", "select", "selectors", "socketserver", "asyncore", "asynchat", "requests",
        "urllib", "urllib3", "httpx", "aiohttp", "http", "ftplib", "poplib", "imaplib", "smtplib", "smtpd",
        "telnetlib", "nntplib", "xmlrpc", "wsgiref",
        // The sandbox runner, its channel to the host and its own copy of this policy.
        "runner", "_omcp_channel", "omcp_policy",
    ];

    public static readonly string[] Builtins =
    [
        "exec", "eval", "compile", "__import__", "__build_class__", "input", "breakpoint", "help", "globals", "locals",
        "vars", "getattr", "setattr", "delattr", "exit", "quit", "__builtins__",
    ];

    public static readonly string[] Names = ["__loader__", "__spec__", "license", "credits", "copyright"];

    public static readonly string[] Attributes =
    [
        "__class__", "__bases__", "__base__", "__mro__", "__subclasses__", "__globals__", "__builtins__", "__code__",
        "__closure__", "__dict__", "__getattribute__", "__reduce__", "__reduce_ex__", "__loader__", "__spec__",
        "__self__", "__func__", "__import__", "__traceback__", "cell_contents",
        "f_globals", "f_locals", "f_back", "f_builtins", "f_code", "f_trace", "tb_frame", "tb_next",
        "gi_frame", "gi_code", "gi_yieldfrom", "cr_frame", "cr_code", "cr_await", "ag_frame", "ag_code", "ag_await",
        // Helpers that import, evaluate or look up a string under another name, wherever they are reached from.
        "load_module", "exec_module", "resolve_name", "get_field", "attrgetter", "methodcaller",
        "get_type_hints", "ForwardRef", "_eval_type", "eval", "exec", "read_pickle",
        "FunctionType", "LambdaType", "CodeType", "ModuleType", "FrameType", "TracebackType", "CellType",
    ];

    public static readonly string[] ModuleMembers =
    [
        "types.FunctionType", "types.LambdaType", "types.CodeType", "types.ModuleType", "types.FrameType",
        "types.TracebackType", "types.CellType", "operator.attrgetter", "operator.methodcaller",
        "typing.get_type_hints", "typing.ForwardRef", "pandas.eval", "pandas.read_pickle", "string.Formatter",
    ];

    /// <summary>Attribute names that spell a blocked module but are everyday attribute names.</summary>
    public static readonly string[] AllowedAttributeNames =
    [
        "code", "site", "signal", "trace", "profile", "http", "select", "resource", "platform", "concurrent", "runner",
        "requests", "nt",
    ];

    public static readonly string[] FileAccessModules =
    [
        "pathlib", "tempfile", "fileinput", "glob", "zipfile", "tarfile", "gzip", "bz2", "lzma", "linecache",
        "filecmp", "mailbox", "netrc", "wave", "aifc", "sunau",
    ];

    public static readonly string[] FileAccessBuiltins = ["open"];

    public static readonly string[] FileAccessMembers =
    [
        "io.open", "io.FileIO", "io.open_code", "codecs.open", "tokenize.open", "logging.FileHandler",
    ];

    public static readonly string[] FileAccessAttributes =
    [
        "FileIO", "open_code", "Path", "PosixPath", "PurePath", "PurePosixPath", "WindowsPath", "FileHandler",
        "read_clipboard", "to_clipboard",
    ];

    /// <summary>
    /// Functions and methods of pandas, numpy and matplotlib that read or write the path in their first positional
    /// argument or one of <see cref="PathKeywords"/>.
    /// </summary>
    public static readonly string[] PathFunctions =
    [
        "read_csv", "read_table", "read_fwf", "read_excel", "read_json", "read_html", "read_xml", "read_parquet",
        "read_feather", "read_orc", "read_hdf", "read_sas", "read_spss", "read_stata", "ExcelFile", "ExcelWriter",
        "HDFStore", "to_csv", "to_excel", "to_json", "to_html", "to_xml", "to_latex", "to_markdown", "to_string",
        "to_parquet", "to_feather", "to_hdf", "to_stata", "to_pickle", "fromfile", "tofile", "fromregex", "loadtxt",
        "genfromtxt", "savetxt", "load", "save", "savez", "savez_compressed", "memmap", "open_memmap", "DataSource",
        "savefig", "imread", "imsave",
    ];

    public static readonly string[] PathKeywords =
    [
        "path", "path_or_buf", "path_or_buffer", "filepath_or_buffer", "fname", "file", "buf", "io", "filename",
        "excel_writer", "fp",
    ];
}
