"""Check sandboxed code against the validation policy before the runner executes it.

The silo checks the same code with its own tokenizer first (OmcpSandbox.Validation). This module repeats the
check with CPython's ast, so the two parsers cannot disagree about what runs. The policy arrives as JSON from the
host (PythonValidationOptions.ToRunnerPolicy), and failures use the same rule names, 1-based positions and messages.
"""

import ast
import string
import unicodedata

MAX_FOLDED_LENGTH = 1000
MAX_SPEC_NESTING = 2
BUFFER_TYPES = frozenset({"StringIO", "BytesIO"})
FORMAT_METHODS = frozenset({"format", "format_map", "vformat"})
ASSIGNABLE_SPECIAL_NAMES = frozenset({
    "__slots__", "__all__", "__doc__", "__match_args__", "__version__", "__author__", "__hash__", "__module__",
    "__qualname__", "__annotations__",
})


class Failure(Exception):
    """One rule violation, ordered by position."""

    def __init__(self, rule, name, line, column, reason_key=None):
        super().__init__(rule)
        self.rule = rule
        self.name = name
        self.line = line
        self.column = column
        self.reason_key = name if reason_key is None else reason_key


def check(source, policy):
    """Return None when source may run, or a dict with rule, name, line, column and message."""
    checker = _Checker(source, policy)
    failure = checker.run()
    if failure is None:
        return None
    return {
        "rule": failure.rule,
        "name": failure.name,
        "line": failure.line,
        "column": failure.column,
        "message": _format_message(policy, failure),
    }


def _format_message(policy, failure):
    messages = policy["messages"]
    reason = messages["reasons"].get(failure.reason_key, messages["default_reason"])
    return (messages["templates"][failure.rule]
            .replace("{name}", failure.name)
            .replace("{line}", str(failure.line))
            .replace("{column}", str(failure.column))
            .replace("{reason}", reason))


def _is_dunder(name):
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _is_mangled_private(name):
    # Name mangling turns __name inside class C into _C__name; reading that from outside reaches another class.
    return len(name) > 3 and name[0] == "_" and name[1] != "_" and name.find("__", 2) > 0


def _find_encoding_declaration(source):
    """Return (encoding, line, column) of a PEP 263 declaration in line 1 or 2 that is not UTF-8."""
    lines = source.splitlines()[:2] if source else []
    for number, text in enumerate(lines, start=1):
        stripped = text.lstrip(" \t\f")
        if not stripped.startswith("#"):
            continue
        position = len(text) - len(stripped)
        while True:
            found = text.find("coding", position)
            if found < 0:
                break
            position = found + len("coding")
            if position < len(text) and text[position] in ":=":
                start = position + 1
                while start < len(text) and text[start] in " \t":
                    start += 1
                end = start
                while end < len(text) and (text[end].isalnum() or text[end] in "_-."):
                    end += 1
                if end > start:
                    encoding = text[start:end]
                    normal = encoding.lower().replace("_", "-")
                    if normal in ("utf-8", "utf8") or normal.startswith("utf-8-"):
                        return None
                    return encoding, number, start + 1
    return None


def _split_lines(source):
    """Split like CPython's tokenizer, where only \\n, \\r\\n and \\r end a line."""
    return source.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class _Checker:
    def __init__(self, source, policy):
        self.source = source
        self.policy = policy
        self.modules = policy["modules"]
        self.builtins = policy["builtins"]
        self.names = frozenset(policy["names"])
        self.attributes = policy["attributes"]
        self.members = policy["module_members"]
        self.module_attribute_names = frozenset(policy["module_attribute_names"])
        self.path_functions = frozenset(policy["path_functions"])
        self.path_keywords = frozenset(policy["path_keywords"])
        self.lines = _split_lines(source)
        self.aliases = {}
        self.buffer_names = set()
        self.exception_names = set()
        self.failures = []

    def run(self):
        declaration = _find_encoding_declaration(self.source)
        if declaration is not None:
            encoding, line, column = declaration
            return Failure("encoding_declaration", encoding, line, column)
        try:
            tree = ast.parse(self.source, "<sandbox>", "exec")
        except SyntaxError as error:
            return Failure("syntax_error", error.msg, error.lineno or 1, error.offset or 1)
        except ValueError as error:
            return Failure("syntax_error", str(error), 1, 1)
        self.collect_bindings(tree)
        for node in ast.walk(tree):
            method = getattr(self, "visit_" + type(node).__name__, None)
            if method is not None:
                try:
                    method(node)
                except Failure as failure:
                    self.failures.append(failure)
        if not self.failures:
            return None
        return min(self.failures, key=lambda failure: (failure.line, failure.column))

    # Positions ---------------------------------------------------------------------------------------------------

    def column_of(self, line, byte_offset):
        """Convert CPython's UTF-8 byte offset to a 1-based column in code points."""
        if 1 <= line <= len(self.lines):
            text = self.lines[line - 1].encode("utf-8")[:byte_offset]
            return len(text.decode("utf-8", "replace")) + 1
        return byte_offset + 1

    def start_of(self, node):
        return node.lineno, self.column_of(node.lineno, node.col_offset)

    def name_before(self, line, byte_end):
        """Return the position of the identifier that ends at byte_end on line."""
        if not 1 <= line <= len(self.lines):
            return line, byte_end + 1
        text = self.lines[line - 1].encode("utf-8")[:byte_end].decode("utf-8", "replace")
        return self.name_before_text(line, text)

    def attribute_position(self, node):
        return self.name_before(node.end_lineno, node.end_col_offset)

    def fail(self, rule, name, position, reason_key=None):
        raise Failure(rule, name, position[0], position[1], reason_key)

    # Bindings ----------------------------------------------------------------------------------------------------

    def collect_bindings(self, tree):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    first = alias.name.split(".")[0]
                    self.aliases[alias.asname or first] = alias.name if alias.asname else first
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.name == "*":
                        continue
                    full = alias.name if node.module is None else node.module + "." + alias.name
                    self.aliases[alias.asname or alias.name] = full
            elif isinstance(node, ast.ExceptHandler) and node.name:
                self.exception_names.add(node.name)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                if self.is_buffer_call(node.value):
                    self.buffer_names.add(node.targets[0].id)
            elif isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name):
                if self.is_buffer_call(node.context_expr):
                    self.buffer_names.add(node.optional_vars.id)

    def is_buffer_call(self, node):
        if not isinstance(node, ast.Call):
            return False
        function = node.func
        if isinstance(function, ast.Attribute):
            return function.attr in BUFFER_TYPES and self.is_name_chain(function.value)
        return isinstance(function, ast.Name) and function.id in BUFFER_TYPES

    @staticmethod
    def is_name_chain(node):
        while isinstance(node, ast.Attribute):
            node = node.value
        return isinstance(node, ast.Name)

    # Names -------------------------------------------------------------------------------------------------------

    def check_bound_name(self, name, position):
        if name in self.builtins:
            self.fail(self.builtins[name], name, position)
        if name in self.names:
            self.fail("blocked_name", name, position)

    def visit_Name(self, node):
        position = self.start_of(node)
        self.check_bound_name(node.id, position)
        path = self.aliases.get(node.id)
        if path is not None:
            self.check_module_path(path, position)

    def visit_arg(self, node):
        self.check_bound_name(node.arg, self.start_of(node))

    def visit_FunctionDef(self, node):
        self.check_bound_name(node.name, self.definition_name_position(node, "def"))

    def visit_AsyncFunctionDef(self, node):
        self.check_bound_name(node.name, self.definition_name_position(node, "def"))

    def visit_ClassDef(self, node):
        self.check_bound_name(node.name, self.definition_name_position(node, "class"))

    def definition_name_position(self, node, keyword):
        line = node.lineno
        text = self.lines[line - 1] if 1 <= line <= len(self.lines) else ""
        found = text.find(keyword + " ", self.column_of(line, node.col_offset) - 1)
        if found < 0:
            return self.start_of(node)
        column = found + len(keyword)
        while column < len(text) and text[column] in " \t":
            column += 1
        return line, column + 1

    def name_after(self, node, name):
        """Return the position of the first whole-word name on the node's first line after its start."""
        line, column = self.start_of(node)
        text = self.lines[line - 1] if 1 <= line <= len(self.lines) else ""
        found = column - 1
        while True:
            found = text.find(name, found)
            if found < 0:
                return line, column
            before = text[found - 1] if found > 0 else " "
            after = text[found + len(name)] if found + len(name) < len(text) else " "
            if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
                return line, found + 1
            found += 1

    def keyword_before(self, node):
        """Return the position of the keyword name written before the pattern node, as in C(name=pattern)."""
        line = node.lineno
        if not 1 <= line <= len(self.lines):
            return self.start_of(node)
        text = self.lines[line - 1].encode("utf-8")[:node.col_offset].decode("utf-8", "replace").rstrip(" \t")
        if text.endswith("="):
            text = text[:-1].rstrip(" \t")
        return self.name_before_text(line, text)

    @staticmethod
    def name_before_text(line, text):
        start = len(text)
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_" or ord(text[start - 1]) > 127):
            start -= 1
        return line, start + 1

    def visit_Global(self, node):
        for name in node.names:
            self.check_bound_name(name, self.name_after(node, name))

    visit_Nonlocal = visit_Global

    def visit_MatchAs(self, node):
        if node.name:
            self.check_bound_name(node.name, self.start_of(node))

    def visit_MatchStar(self, node):
        if node.name:
            self.check_bound_name(node.name, self.start_of(node))

    def visit_MatchMapping(self, node):
        if node.rest:
            self.check_bound_name(node.rest, self.start_of(node))

    def visit_MatchClass(self, node):
        for attribute, pattern in zip(node.kwd_attrs, node.kwd_patterns):
            self.check_attribute_name(attribute, self.keyword_before(pattern))

    def visit_ExceptHandler(self, node):
        if node.name:
            self.check_bound_name(node.name, self.name_after(node, node.name))

    def visit_Assign(self, node):
        target = node.targets[0]
        if (isinstance(target, ast.Name) and _is_dunder(target.id)
                and target.id not in ASSIGNABLE_SPECIAL_NAMES):
            self.fail("blocked_name", target.id, self.start_of(target))

    # Imports -----------------------------------------------------------------------------------------------------

    def find_module(self, dotted):
        parts = dotted.split(".")
        for end in range(1, len(parts) + 1):
            prefix = ".".join(parts[:end])
            if prefix in self.modules:
                return prefix, self.modules[prefix]
        return None

    def visit_Import(self, node):
        for alias in node.names:
            found = self.find_module(alias.name)
            if found is not None:
                self.fail(found[1], alias.name, self.start_of(alias), found[0])
            if alias.asname:
                self.check_bound_name(alias.asname, self.alias_position(alias))

    def alias_position(self, alias):
        return self.name_before(alias.end_lineno, alias.end_col_offset)

    def module_position(self, node):
        """Return the position of the module name after 'from' and any dots, or of the statement."""
        line, column = self.start_of(node)
        text = self.lines[line - 1] if 1 <= line <= len(self.lines) else ""
        index = column - 1 + len("from")
        while index < len(text) and text[index] in " \t.":
            index += 1
        return (line, index + 1) if index < len(text) else (line, column)

    def visit_ImportFrom(self, node):
        module = node.module
        if module is not None:
            found = self.find_module(module)
            if found is not None:
                self.fail(found[1], module, self.module_position(node), found[0])
        for alias in node.names:
            if alias.name == "*":
                prefix = (module or "") + "."
                if module is not None and any(member.startswith(prefix) for member in self.members):
                    self.fail("blocked_module_attribute", module + ".*", self.start_of(alias))
                continue
            self.check_imported_name(module, alias)

    def check_imported_name(self, module, alias):
        name = alias.name
        position = self.start_of(alias)
        full = name if module is None else module + "." + name
        if full in self.members:
            self.fail(self.members[full], full, position)
        found = self.find_module(full)
        if found is not None:
            self.fail(found[1], full, position, found[0])
        if name in self.modules:
            self.fail(self.modules[name], name, position)
        if name in self.module_attribute_names:
            self.fail("blocked_module_attribute", name, position)
        self.check_bound_name(name, position)
        if name in self.attributes:
            self.fail(self.attributes[name], name, position)
        if alias.asname:
            self.check_bound_name(alias.asname, self.alias_position(alias))

    # Attributes --------------------------------------------------------------------------------------------------

    def check_attribute_name(self, name, position):
        if name in self.attributes:
            self.fail(self.attributes[name], name, position)
        if name in self.module_attribute_names:
            self.fail("blocked_module_attribute", name, position)
        if _is_mangled_private(name):
            self.fail("blocked_attribute", name, position)

    def check_module_path(self, path, position):
        if path in self.members:
            self.fail(self.members[path], path, position)
        if "." in path:
            found = self.find_module(path)
            if found is not None:
                rule = "file_access" if found[1] == "file_access" else "blocked_module_attribute"
                self.fail(rule, path, position)

    def dotted_path(self, node):
        """Return the import path that an attribute chain on an imported name reaches, or None."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name) or node.id not in self.aliases:
            return None
        return ".".join([self.aliases[node.id]] + parts[::-1])

    def visit_Attribute(self, node):
        position = self.attribute_position(node)
        self.check_attribute_name(node.attr, position)
        if node.attr == "obj" and isinstance(node.value, ast.Name) and node.value.id in self.exception_names:
            self.fail("blocked_attribute", "obj", position)
        path = self.dotted_path(node)
        if path is not None:
            self.check_module_path(path, position)

    def visit_Subscript(self, node):
        key = _fold_string(node.slice)
        # A key that only spells a plain blocked built-in is data, because the built-ins mapping itself is blocked.
        if (key is not None and self.attributes.get(key) == "blocked_attribute"
                and (_is_dunder(key) or key not in self.builtins)):
            self.fail("blocked_attribute", key, self.start_of(node.slice))

    # Calls -------------------------------------------------------------------------------------------------------

    def visit_keyword(self, node):
        if node.arg == "allow_pickle":
            value = node.value
            if not (isinstance(value, ast.Constant) and value.value is False):
                self.fail("blocked_argument", "allow_pickle", self.start_of(node))

    def visit_Call(self, node):
        function = node.func
        if isinstance(function, ast.Attribute):
            name = function.attr
            position = self.attribute_position(function)
            if name in FORMAT_METHODS:
                self.check_format_string(function.value)
                if node.args:
                    self.check_format_string(node.args[0])
            elif name == "query":
                self.check_query(node)
            elif name in self.path_functions:
                self.check_path_arguments(node, name, position)
        elif isinstance(function, ast.Name) and function.id in self.aliases:
            last = self.aliases[function.id].rsplit(".", 1)[-1]
            if last in self.path_functions:
                self.check_path_arguments(node, function.id, self.start_of(function))

    def check_format_string(self, node):
        text = _fold_string(node)
        if text is None:
            return
        blocked = _find_blocked_field(text, self.is_blocked_field_name, 0)
        if blocked is not None:
            self.fail("blocked_format_field", blocked, self.start_of(node))

    def is_blocked_field_name(self, name):
        return name in self.attributes or name in self.module_attribute_names or _is_mangled_private(name)

    def check_query(self, node):
        expression = node.args[0] if node.args else None
        if expression is None:
            expression = next((keyword.value for keyword in node.keywords if keyword.arg == "expr"), None)
        if expression is None:
            return
        if not (isinstance(expression, ast.Constant) and isinstance(expression.value, str)):
            self.fail("blocked_expression", "query", self.start_of(expression))
        problem = _find_query_problem(expression.value, self)
        if problem is not None:
            self.fail("blocked_expression", problem, self.start_of(expression))

    def check_path_arguments(self, node, name, position):
        candidates = node.args[:1] + [keyword.value for keyword in node.keywords if keyword.arg in self.path_keywords]
        for value in candidates:
            if not self.is_in_memory(value):
                self.fail("file_access", name, position)

    def is_in_memory(self, node):
        if isinstance(node, ast.Constant) and node.value is None:
            return True
        if isinstance(node, ast.Name):
            return node.id in self.buffer_names
        return self.is_buffer_call(node)


def _fold(node):
    """Evaluate string and integer constants joined by + and *, as the silo's constant folder does."""
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, str):
            return value if len(value) <= MAX_FOLDED_LENGTH else None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult)):
        left = _fold(node.left)
        right = _fold(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Add):
            if isinstance(left, str) and isinstance(right, str):
                return left + right if len(left) + len(right) <= MAX_FOLDED_LENGTH else None
            if isinstance(left, int) and isinstance(right, int):
                return left + right
            return None
        if isinstance(left, int) and isinstance(right, str):
            left, right = right, left
        if isinstance(left, str) and isinstance(right, int):
            if right <= 0:
                return ""
            return left * right if right * len(left) <= MAX_FOLDED_LENGTH else None
        if isinstance(left, int) and isinstance(right, int):
            return left * right
    return None


def _fold_string(node):
    value = _fold(node)
    return value if isinstance(value, str) else None


def _find_blocked_field(text, is_blocked, nesting):
    """Return the first blocked attribute or index key that str.format would look up for text."""
    try:
        for _, field_name, spec, _ in string.Formatter().parse(text):
            if field_name is None:
                continue
            blocked = _find_blocked_in_field_name(field_name, is_blocked)
            if blocked is not None:
                return blocked
            if spec and nesting < MAX_SPEC_NESTING:
                blocked = _find_blocked_field(spec, is_blocked, nesting + 1)
                if blocked is not None:
                    return blocked
    except ValueError:
        return None
    return None


def _find_blocked_in_field_name(field_name, is_blocked):
    import _string

    try:
        _, rest = _string.formatter_field_name_split(field_name)
        for _, key in rest:
            if isinstance(key, str) and is_blocked(key):
                return key
    except ValueError:
        return None
    return None


def _find_query_problem(expression, checker):
    """Return the part of a DataFrame.query expression that reaches objects the validator cannot check."""
    index = 0
    length = len(expression)

    def read_identifier(start):
        end = start
        while end < length and (expression[end].isascii() and (expression[end].isalnum() or expression[end] == "_")
                                or ord(expression[end]) > 127):
            end += 1
        return end

    while index < length:
        char = expression[index]
        if char in "'\"`":
            close = expression.find(char, index + 1)
            index = length if close < 0 else close + 1
            continue
        if char == "@":
            end = read_identifier(index + 1)
            following = end
            while following < length and expression[following] in " \t\n\r":
                following += 1
            if following < length and expression[following] in ".([":
                return expression[index:end]
            index = max(end, index + 1)
            continue
        if char.isascii() and (char.isalpha() or char == "_") or ord(char) > 127:
            end = read_identifier(index)
            name = unicodedata.normalize("NFKC", expression[index:end])
            before = expression[:index].rstrip(" \t\n\r")
            is_attribute = before.endswith(".")
            if _is_dunder(name) or is_attribute and (name in checker.attributes or name in checker.module_attribute_names):
                return name
            index = end
            continue
        index += 1
    return None
