using OmcpSandbox.Validation.Policy;

namespace OmcpSandbox.Validation.Tests;

/// <summary>
/// Table of code the default policy must block, with the rule and name it must report, and code it must allow.
/// The parity test runs the same tables through omcp_policy.py.
/// </summary>
public static class ValidatorCases
{
    private const string Imports = "import io\nimport numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt\n";

    public static IEnumerable<(string Code, string Rule, string Name)> BlockedCases()
    {
        foreach (var module in DefaultPolicy.Modules)
        {
            yield return ($"import {module}\n", ValidationRules.BlockedImport, module);
            yield return ($"import {module} as helper\n", ValidationRules.BlockedImport, module);
            yield return ($"from {module} import anything\n", ValidationRules.BlockedImport, module);
            yield return ($"def load():\n    import {module}\n", ValidationRules.BlockedImport, module);
            if (!module.Contains('.'))
            {
                yield return ($"from . import {module}\n", ValidationRules.BlockedImport, module);
                yield return ($"import {module}.child\n", ValidationRules.BlockedImport, $"{module}.child");
            }

            if (!module.Contains('.') && !DefaultPolicy.AllowedAttributeNames.Contains(module.TrimStart('_')))
            {
                yield return ($"import json\njson.{module}\n", ValidationRules.BlockedModuleAttribute, module);
                if (!module.StartsWith('_'))
                {
                    yield return ($"value = thing._{module}\n", ValidationRules.BlockedModuleAttribute, "_" + module);
                }
            }
        }

        foreach (var module in DefaultPolicy.FileAccessModules)
        {
            yield return ($"import {module}\n", ValidationRules.FileAccess, module);
            yield return ($"from {module} import anything\n", ValidationRules.FileAccess, module);
        }

        foreach (var builtin in DefaultPolicy.Builtins)
        {
            yield return ($"{builtin}('1')\n", ValidationRules.BlockedBuiltin, builtin);
            yield return ($"alias = {builtin}\n", ValidationRules.BlockedBuiltin, builtin);
            yield return ($"@{builtin}\ndef run():\n    pass\n", ValidationRules.BlockedBuiltin, builtin);
            yield return ($"call = lambda: {builtin}\n", ValidationRules.BlockedBuiltin, builtin);
            yield return ($"values = [{builtin} for _ in range(2)]\n", ValidationRules.BlockedBuiltin, builtin);
            yield return ($"def run(default={builtin}):\n    return default\n", ValidationRules.BlockedBuiltin, builtin);
            yield return ($"class Holder:\n    hook = {builtin}\n", ValidationRules.BlockedBuiltin, builtin);
            yield return ($"print(f'{{{builtin}}}')\n", ValidationRules.BlockedBuiltin, builtin);
            yield return ($"print(f'{{1:>{{{builtin}}}}}')\n", ValidationRules.BlockedBuiltin, builtin);
            yield return ($"def outer():\n    def inner():\n        return {builtin}\n    return inner\n", ValidationRules.BlockedBuiltin, builtin);
            yield return ($"print(1, key={builtin})\n", ValidationRules.BlockedBuiltin, builtin);
        }

        foreach (var attribute in DefaultPolicy.Attributes)
        {
            yield return ($"value = thing.{attribute}\n", ValidationRules.BlockedAttribute, attribute);
            yield return ($"print(f'{{thing.{attribute}}}')\n", ValidationRules.BlockedAttribute, attribute);
            yield return ($"call = lambda thing: thing . {attribute}\n", ValidationRules.BlockedAttribute, attribute);
            yield return ($"text = '{{0.{attribute}}}'.format(thing)\n", ValidationRules.BlockedFormatField, attribute);
            if (!DefaultPolicy.Builtins.Contains(attribute))
            {
                yield return ($"value = thing['{attribute}']\n", ValidationRules.BlockedAttribute, attribute);
                var half = attribute.Length / 2;
                yield return ($"value = thing['{attribute[..half]}' + '{attribute[half..]}']\n", ValidationRules.BlockedAttribute, attribute);
            }
        }

        foreach (var name in DefaultPolicy.Names)
        {
            yield return ($"print({name})\n", ValidationRules.BlockedName, name);
        }

        foreach (var (code, rule, name) in HandWrittenBlockedCases())
        {
            yield return (code, rule, name);
        }
    }

    private static IEnumerable<(string Code, string Rule, string Name)> HandWrittenBlockedCases()
    {
        const string Import = ValidationRules.BlockedImport;
        const string Builtin = ValidationRules.BlockedBuiltin;
        const string Name = ValidationRules.BlockedName;
        const string Attribute = ValidationRules.BlockedAttribute;
        const string ModuleAttribute = ValidationRules.BlockedModuleAttribute;
        const string Field = ValidationRules.BlockedFormatField;
        const string File = ValidationRules.FileAccess;
        const string Argument = ValidationRules.BlockedArgument;
        const string Expression = ValidationRules.BlockedExpression;
        const string Syntax = ValidationRules.SyntaxError;
        const string Encoding = ValidationRules.EncodingDeclaration;
        return
        [
            // Import forms.
            ("import numpy as np, os\n", Import, "os"),
            ("from os.path import join\n", Import, "os.path"),
            ("from .. import sys\n", Import, "sys"),
            ("from .os import path\n", Import, "os"),
            ("from statistics import sys as helper\n", Import, "sys"),
            ("from random import _os\n", ModuleAttribute, "_os"),
            ("from logging import config\n", Import, "logging.config"),
            ("import logging\nlogging.config.dictConfig({})\n", ModuleAttribute, "logging.config"),
            ("import logging as log\nlog.handlers.RotatingFileHandler\n", ModuleAttribute, "logging.handlers"),
            ("class Config:\n    import subprocess as runner\n", Import, "subprocess"),
            ("if True: import os\n", Import, "os"),
            ("x = 1; import os\n", Import, "os"),
            ("try:\n    import pickle\nexcept ImportError:\n    pass\n", Import, "pickle"),
            ("from importlib import import_module\n", Import, "importlib"),
            ("import importlib.machinery as m\n", Import, "importlib.machinery"),
            ("from numpy import ctypeslib\n", Import, "numpy.ctypeslib"),
            ("import numpy\nnumpy.ctypeslib.ctypes\n", ModuleAttribute, "numpy.ctypeslib"),
            ("from pandas import eval as evaluate\n", ModuleAttribute, "pandas.eval"),
            ("import numpy as eval\n", Builtin, "eval"),
            ("from math import pi as exec\n", Builtin, "exec"),
            ("from operator import attrgetter\n", ModuleAttribute, "operator.attrgetter"),
            ("import operator\noperator.methodcaller('x')\n", Attribute, "methodcaller"),
            ("from types import CodeType\n", ModuleAttribute, "types.CodeType"),
            ("from types import *\n", ModuleAttribute, "types.*"),
            ("from io import *\n", ModuleAttribute, "io.*"),
            ("import string\nstring.Formatter().format('{0}', 1)\n", ModuleAttribute, "string.Formatter"),
            ("from string import Formatter\n", ModuleAttribute, "string.Formatter"),
            ("import typing\ntyping.get_type_hints(len)\n", Attribute, "get_type_hints"),
            ("import ｏｓ\nｏｓ.system('id')\n", Import, "os"),
            ("import \U0001D45C\U0001D460\n", Import, "os"),
            ("from ºſ import path\n", Import, "os"),

            // Built-ins in disguise.
            ("ｅｖａｌ('1')\n", Builtin, "eval"),
            ("\U0001D452\U0001D463\U0001D44E\U0001D459('1')\n", Builtin, "eval"),
            ("ℯｘｅｃ('1')\n", Builtin, "exec"),
            ("def handle(input):\n    return input\n", Builtin, "input"),
            ("global eval\n", Builtin, "eval"),
            ("try:\n    pass\nexcept Exception as vars:\n    pass\n", Builtin, "vars"),
            ("match command:\n    case getattr:\n        pass\n", Builtin, "getattr"),
            ("(compile := 1)\n", Builtin, "compile"),
            ("for exec in range(3):\n    pass\n", Builtin, "exec"),
            ("del vars\n", Builtin, "vars"),
            ("fetch = lambda b=__builtins__: b\n", Builtin, "__builtins__"),
            ("def eval():\n    pass\n", Builtin, "eval"),
            ("class help:\n    pass\n", Builtin, "help"),
            ("open('/etc/passwd')\n", File, "open"),
            ("with open('notes.txt') as handle:\n    pass\n", File, "open"),
            ("@print\n@set\n@open\n@lambda _: '/etc/passwd'\ndef summary():\n    pass\n", File, "open"),
            ("call(lambda a, input=1: a)\n", Builtin, "input"),

            // Special methods bound without def, and other blocked names.
            ("class Table(dict):\n    __missing__ = print\n", Name, "__missing__"),
            ("class Alias:\n    __class_getitem__ = classmethod(print)\n", Name, "__class_getitem__"),
            ("class Base:\n    __init_subclass__ = classmethod(print)\n", Name, "__init_subclass__"),
            ("class Table(dict):\n    __missing__ = eval\n", Name, "__missing__"),
            ("__loader__.load_module('posix')\n", Name, "__loader__"),
            ("license._Printer__filenames = ['/etc/passwd']\nlicense()\n", Name, "license"),

            // Attributes in disguise.
            ("value = thing['__glo' 'bals__']\n", Attribute, "__globals__"),
            ("value = thing['_' * 2 + 'class' + '_' * 2]\n", Attribute, "__class__"),
            ("value = thing['__' * 0x1 + 'class__']\n", Attribute, "__class__"),
            ("value = thing[('__cl' + 'ass__')]\n", Attribute, "__class__"),
            ("value = thing['\\x5f_class__']\n", Attribute, "__class__"),
            ("value = thing['\\N{LOW LINE}\\N{low line}class__']\n", Attribute, "__class__"),
            ("value = thing['\\137\\137class__']\n", Attribute, "__class__"),
            ("value = thing[r'__class__']\n", Attribute, "__class__"),
            ("value = thing[u'f_' 'back']\n", Attribute, "f_back"),
            ("b = (x for x in ()).gi_frame.f_builtins\n", Attribute, "gi_frame"),
            ("print(f'''{\nthing.__class__\n}''')\n", Attribute, "__class__"),
            ("print(rf'{thing.__class__}')\n", Attribute, "__class__"),
            ("print(Fr'{thing.__class__}')\n", Attribute, "__class__"),
            ("print(f'{f\"{thing.__class__}\"}')\n", Attribute, "__class__"),
            ("print(f'{thing!r:>{thing.__class__}}')\n", Attribute, "__class__"),
            ("value = thing.__ｃｌａｓｓ__\n", Attribute, "__class__"),
            ("match thing:\n    case object(__class__=found):\n        pass\n", Attribute, "__class__"),
            ("match thing:\n    case str(real=1, __dict__=found):\n        pass\n", Attribute, "__dict__"),
            ("try:\n    pass\nexcept AttributeError as err:\n    print(err.obj)\n", Attribute, "obj"),
            ("value = thing._Printer__filenames\n", Attribute, "_Printer__filenames"),
            ("import pandas as pd\npd.read_pickle('data.pkl')\n", Attribute, "read_pickle"),
            ("df.eval('c = a + b')\n", Attribute, "eval"),
            ("import pandas as pd\npd.eval('1 + 1')\n", Attribute, "eval"),
            ("type(thing).mro()[-1].__subclasses__()\n", Attribute, "__subclasses__"),

            // Modules reached through allowed ones.
            ("import json\njson.codecs.sys\n", ModuleAttribute, "sys"),
            ("import statistics\nstatistics.random._os.system('id')\n", ModuleAttribute, "_os"),
            ("import collections\ncollections._sys\n", ModuleAttribute, "_sys"),
            ("import pandas as pd\npd.io.common.os.system('id')\n", ModuleAttribute, "os"),
            ("import matplotlib\nmatplotlib.subprocess.run(['id'])\n", ModuleAttribute, "subprocess"),
            ("import logging\nlogging.os.system('id')\n", ModuleAttribute, "os"),
            ("import typing\ntyping.sys.modules\n", ModuleAttribute, "sys"),
            ("import site\n", Import, "site"),
            ("value = thing.builtins\n", ModuleAttribute, "builtins"),
            ("value = thing.omcp_policy\n", ModuleAttribute, "omcp_policy"),
            ("import io as stream\nstream.open('x')\n", File, "io.open"),

            // Format strings.
            ("'{0.__init__.__globals__}'.format(f)\n", Field, "__init__.__globals__".Split('.')[1]),
            ("'{0[__builtins__]}'.format(d)\n", Field, "__builtins__"),
            ("'{x.__class__}'.format_map({'x': 1})\n", Field, "__class__"),
            ("('{0.__cl' + 'ass__}').format(1)\n", Field, "__class__"),
            ("'{0}' '{0.__class__}'.format(1)\n", Field, "__class__"),
            ("str.format('{0.__class__}', 1)\n", Field, "__class__"),
            ("'{:{0.__class__}}'.format(1)\n", Field, "__class__"),
            ("'{0.gi_frame}'.format(g)\n", Field, "gi_frame"),
            ("'{0._Printer__filenames}'.format(x)\n", Field, "_Printer__filenames"),
            ("'{0.__class__}{'.format(1)\n", Field, "__class__"),

            // File access while it is off.
            (Imports + "pd.read_csv('/etc/passwd')\n", File, "read_csv"),
            (Imports + "np.fromfile('/etc/passwd', dtype=np.uint8)\n", File, "fromfile"),
            (Imports + "np.loadtxt(path)\n", File, "loadtxt"),
            (Imports + "df.to_csv('out.csv')\n", File, "to_csv"),
            (Imports + "df.to_csv(path_or_buf='out.csv')\n", File, "to_csv"),
            (Imports + "plt.savefig('plot.png')\n", File, "savefig"),
            (Imports + "np.save('x.npy', values)\n", File, "save"),
            (Imports + "np.savetxt('/tmp/helper.py', np.array(['import os']), fmt='%s')\n", File, "savetxt"),
            (Imports + "buffer = io.BytesIO()\nbuffer = 'x.png'\nplt.savefig(other)\n", File, "savefig"),
            ("from pandas import read_csv\nread_csv('x.csv')\n", File, "read_csv"),
            (Imports + "pd.read_csv(*paths)\n", File, "read_csv"),
            ("value = thing.FileIO('a')\n", File, "FileIO"),
            ("import io\nio.open_code('x')\n", File, "open_code"),
            ("import codecs\ncodecs.open('x')\n", File, "codecs.open"),
            ("from pathlib import Path\n", File, "pathlib"),
            ("value = thing.Path('/etc')\n", File, "Path"),
            ("from io import open\n", File, "io.open"),
            ("from io import FileIO as raw\n", File, "io.FileIO"),

            // Deserialisers and expression strings.
            (Imports + "np.load(io.BytesIO(data), allow_pickle=True)\n", Argument, "allow_pickle"),
            (Imports + "np.load(io.BytesIO(data), allow_pickle=flag)\n", Argument, "allow_pickle"),
            ("df.query(\"@pd.io.common.os.system('id') == 0\", engine='python')\n", Expression, "@pd"),
            ("df.query(expression)\n", Expression, "query"),
            ("df.query(f'age > {limit}')\n", Expression, "query"),
            ("df.query('age.__class__ == 1')\n", Expression, "__class__"),
            ("df.query('@values[0] > 1')\n", Expression, "@values"),
            ("df.query('@check() > 1')\n", Expression, "@check"),
            ("df.query(expr='@pd.eval')\n", Expression, "@pd"),
            ("df.query('__import__ > 1')\n", Expression, "__import__"),

            // Coding declarations.
            ("# -*- coding: utf-7 -*-\nx = 1\n", Encoding, "utf-7"),
            ("#!/usr/bin/env python\n# coding=latin-1\nx = 1\n", Encoding, "latin-1"),
            ("# vim: set fileencoding=cp1252 :\n", Encoding, "cp1252"),

            // Code that does not tokenize.
            ("x = 'abc", Syntax, "unterminated string literal (detected at line 1)"),
            ("x = '''abc\n\n", Syntax, "unterminated triple-quoted string literal (detected at line 2)"),
            ("  x = 1\n", Syntax, "unexpected indent"),
            ("if x:\n    a\n  b\n", Syntax, "unindent does not match any outer indentation level"),
            ("f(1\n", Syntax, "'(' was never closed"),
            ("f(1]\n", Syntax, "closing parenthesis ']' does not match opening parenthesis '('"),
            ("x)\n", Syntax, "unmatched ')'"),
            ("f'{'\n", Syntax, "f-string: expecting '}'"),
            ("f'{}'\n", Syntax, "f-string: empty expression not allowed"),
            ("f'}'\n", Syntax, "f-string: single '}' is not allowed"),
            ("f'{x!z}'\n", Syntax, "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
            ("a ✓ b\n", Syntax, "invalid character '✓' (U+2713)"),
            ("x = 1\0\n", Syntax, "source code string cannot contain null bytes"),
            ("if x:\ny = 1\n", Syntax, "expected an indented block after 'if' statement on line 1"),
            ("if x:\n", Syntax, "expected an indented block after 'if' statement on line 1"),
            ("ｉｍｐｏｒｔ os\n", Syntax, "invalid syntax"),
            ("x = $\n", Syntax, "invalid syntax"),
        ];
    }

    public static IEnumerable<string> AllowedCases() =>
    [
        "class Base:\n    def __init__(self):\n        self.ready = True\nclass Child(Base):\n    def __init__(self):\n        super().__init__()\n",
        "if __name__ == '__main__':\n    print('hi')\n",
        Imports + "matplotlib_figure, ax = plt.subplots()\nax.plot([1, 2], [3, 4])\nbuf = io.BytesIO()\nplt.savefig(buf, format='png')\nprint(len(buf.getvalue()))\n",
        Imports + "fig, ax = plt.subplots()\nwith io.BytesIO() as stream:\n    fig.savefig(stream, format='png')\n",
        Imports + "fig, ax = plt.subplots()\nfig.savefig(io.BytesIO(), format='svg')\n",
        "import json\nprint(json.dumps({'a': 1}, indent=2))\n",
        "import math, statistics\nprint(statistics.mean([1, 2, 3]), math.pi)\n",
        "from datetime import datetime, timedelta, date\nprint(datetime(2020, 1, 1) + timedelta(days=1), date.today())\n",
        "import itertools\nprint(list(itertools.islice(itertools.count(), 3)))\n",
        "import re\nprint(re.compile(r'\\d+').findall('a1b22'), re.sub('a', 'b', 'aa'))\n",
        Imports + "df = pd.read_csv(io.StringIO('a,b\\n1,2\\n'))\nprint(df)\n",
        Imports + "data = io.StringIO(text)\ndf = pd.read_csv(data)\nprint(df.to_csv(index=False))\n",
        Imports + "df = pd.DataFrame({'a': [1]})\nprint(df.to_string(), df.to_json(orient='records'), df.to_html())\n",
        Imports + "df = pd.DataFrame({'age': [30, 60]})\nmin_age = 40\nprint(df.query('age > @min_age and site == \"A\"'))\n",
        Imports + "print(df.query('a > 1', engine='numexpr'))\n",
        "values = [1, 2, 3]\nif (n := len(values)) > 2:\n    print(n)\n",
        "match point:\n    case {'x': x}:\n        print(x)\n    case [a, b]:\n        print(a, b)\n    case Point(x=0, y=yy):\n        print(yy)\n    case _:\n        pass\n",
        "case = 3\nmatch = 4\nprint(case + match)\n",
        "import functools\n@functools.lru_cache(maxsize=None)\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n",
        "from dataclasses import dataclass, field\n@dataclass(frozen=True)\nclass Patient:\n    pid: int = 0\n    tags: list = field(default_factory=list)\n",
        "def scale(x: int, y: 'str' = 'a') -> dict[str, int]:\n    return {y: x}\n",
        "from typing import Optional, List, Dict\ndef pick(items: List[int], default: Optional[int] = None) -> Dict[str, int]:\n    return {}\n",
        "async def main():\n    await something()\n\nasync def stream():\n    async for item in source():\n        yield item\n    async with lock:\n        pass\n",
        "from omcp import omop\n",
        "import io\nbuffer = io.StringIO()\nprint('x', file=buffer)\n",
        "print('{0} {1:.2f}'.format('a', 1.5), '{name}'.format(name='x'), '{0[key]}'.format({'key': 1}))\n",
        "row = {'eval': 1, 'exec': 2, 'code': 3, 'open': 4}\nprint(row['eval'], row['exec'], row['code'], row['open'])\n",
        "class Cohort:\n    def __repr__(self):\n        return f'{type(self).__name__}({self.name!r})'\n",
        "print(len.__name__, len.__doc__[:10], (1).__add__(2))\n",
        "class Point:\n    __slots__ = ('x', 'y')\n    __hash__ = None\n    __match_args__ = ('x', 'y')\n",
        "try:\n    raise SystemExit(2)\nexcept SystemExit as exc:\n    print(exc.code, exc.args)\n",
        "print(df.site, row.code, row.signal, row.trace, row.profile)\nclass Holder:\n    def __init__(self):\n        self._code = 1\n        self._profile = 2\n        self.__secret = 3\n",
        "async def collect():\n    return [x async for x in source()]\n",
        "scale = lambda v, f=1.0: v * f\n",
        "import collections\ncounts = collections.Counter('abc')\nprint(counts.most_common(1))\n",
        "import csv, io\nreader = csv.reader(io.StringIO('a,b\\n1,2'))\nprint(list(reader))\n",
        "value, width, precision = 3.14159, 10, 2\nprint(f'{value:>{width}.{precision}f}')\n",
        "x = 1\nprint(f'{x!r}', f'{x=}', f'{x = }', f'{x:{\"^\"}10}', f'{{literal}}')\n",
        "s = 'import os; eval(x)'  # os.system, subprocess.run, __import__\n",
        "print(\"__class__\", '__globals__', b'__subclasses__')\n",
        "help_text = 'x'\ninput_path = 1\nevaluate = 2\ncompiled = 3\nopen_count = 4\n",
        "class A:\n    pass\na = A()\na.obj = 1\nprint(a.obj)\n",
        Imports + "np.load(io.BytesIO(b''), allow_pickle=False)\n",
        Imports + "buf = io.BytesIO()\nnp.save(buf, np.arange(3))\n",
        "from collections import OrderedDict as od\n",
        "import numpy as np\nprint(np.array([1, 2, 3]).mean(), np.linalg.norm([3, 4]))\n",
        "import types\nns = types.SimpleNamespace(a=1)\nprint(ns.a)\n",
        "import io\nprint(io.StringIO('x').read())\nfrom io import StringIO, BytesIO\n",
        "import string\nprint(string.ascii_letters[:3])\nfrom string import Template\n",
        "import random\nrandom.seed(1)\nprint(random.random(), random.choice([1, 2]))\n",
        "import warnings\nwarnings.filterwarnings('ignore')\n",
        "import logging\nlogging.basicConfig(level=logging.INFO)\nlogging.getLogger('x').info('hi')\n",
        "import textwrap\nprint(textwrap.dedent('  x'))\n",
        "print(sum(x * x for x in range(10)))\n",
        "while True:\n    break\nelse:\n    pass\n",
        "try:\n    1 / 0\nexcept ZeroDivisionError as exc:\n    print(exc.args)\nfinally:\n    pass\n",
        "x = [1, 2][0]\nd = {}\nd['key'] = 1\n",
        "print('%(name)s' % {'name': 'x'}, '%d' % 5)\n",
        "if True:\n\tprint(1)\n",
        "x = 1 + \\\n    2\n",
        "x = (1,\n     2)\ny = [\n    3,\n]\n",
        "größe = 1\nprint(größe)\n",
        "print(0x1F, 0o17, 0b101, 1_000, 1e-3, 1E+5, 3j, .5, 5.)\n",
        "print(b'bytes', rb'raw', Rb'x', BR'y', u'unicode', r'\\d')\n",
        "s = '''multi\nline'''\nt = \"\"\"another\n'quoted'\n\"\"\"\n",
        "def f(*args, **kwargs):\n    return args, kwargs\n",
        "class Meta(type):\n    pass\nclass A(metaclass=Meta):\n    pass\n",
        "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n    inner()\n    return x\n",
        "counter = 0\ndef bump():\n    global counter\n    counter += 1\n",
        "print(*[1, 2], sep=', ')\na, *rest = [1, 2, 3]\n",
        "print(f'{\"nested\"}', f\"{'other'}\")\n",
        "x = 5 if True else 6\nassert x == 5, 'fine'\n",
        "class A:\n    @property\n    def value(self):\n        return 1\n    @staticmethod\n    def make():\n        return A()\n",
        "print(...)\n",
        "from __future__ import annotations\n",
        Imports + "df = pd.DataFrame({'a': [1, 2], 'b': [3, 4]})\nprint(df.groupby('a').agg(['mean']), pd.DataFrame.from_records([]))\n",
        Imports + "fig, ax = plt.subplots()\nn = 3\nax.set_title(f'{n} patients')\n",
        "def gen():\n    yield from range(3)\ntry:\n    pass\nexcept ValueError as error:\n    raise RuntimeError('x') from error\n",
        "# comment only\n\n   # indented comment\nx = 1\n",
        "x = 1  # trailing comment\n",
        "",
        "\n\n\n",
        "lines = []\nfor i in range(3):\n    if i % 2:\n        continue\n    lines.append(i)\n",
        "import statistics as st\nprint(st.median([1, 2, 3]), st.stdev([1, 2, 3]))\n",
        "# -*- coding: utf-8 -*-\nx = 1\n",
        "#!/usr/bin/env python3\n# coding: utf_8\nx = 1\n",
        "from math import *\nprint(sqrt(4))\n",
        "import numpy as np\nrng = np.random.default_rng(0)\nprint(rng.normal(size=3))\n",
        "with_block = {'a': 1}\nprint(with_block)\n",
        "print(f'{3.14159:.2f}', f'{1000000:,}', f'{\"x\":>5}', f'{[1, 2][0]}', f'{ {\"a\": 1}[\"a\"] }')\n",
        "def decorate(fn):\n    return fn\n@decorate\ndef run():\n    pass\n",
        "data = [{'name': 'a'}, {'name': 'b'}]\nnames = sorted(d['name'] for d in data)\n",
        "text = 'a' 'b' \\\n    'c'\n",
        "values = {k: v for k, v in zip('ab', [1, 2]) if v}\n",
        "class Node:\n    def __eq__(self, other):\n        return self is other\n    def __getitem__(self, key):\n        return key\n",
        "try:\n    pass\nexcept (KeyError, ValueError) as failure:\n    print(failure.args[0])\n",
        "import copy\nprint(copy.deepcopy({'a': [1]}))\n",
        "import operator\nprint(operator.itemgetter(1)([1, 2]), operator.add(1, 2))\n",
        "import enum\nclass Color(enum.Enum):\n    RED = 1\n",
        "import decimal\nprint(decimal.Decimal('1.10'))\n",
        "import heapq, bisect\nprint(heapq.nsmallest(1, [3, 1]), bisect.bisect([1, 3], 2))\n",
        "import hashlib, base64\nprint(hashlib.sha256(b'x').hexdigest(), base64.b64encode(b'x'))\n",
        "import uuid\nprint(uuid.uuid4().hex[:4])\n",
        "import time\nprint(time.perf_counter() > 0)\n",
        "import zlib\nprint(zlib.compress(b'x'))\n",
        "import array\nprint(array.array('i', [1]))\n",
        "import fractions\nprint(fractions.Fraction(1, 3))\n",
        "import calendar\nprint(calendar.isleap(2024))\n",
        "import pprint\npprint.pprint({'a': 1})\n",
        "import difflib\nprint(difflib.SequenceMatcher(None, 'a', 'b').ratio())\n",
        "import unicodedata\nprint(unicodedata.name('a'))\n",
        "import numbers\nprint(isinstance(1, numbers.Number))\n",
        "import abc\nclass Base(abc.ABC):\n    @abc.abstractmethod\n    def run(self):\n        ...\n",
        "import contextlib\nwith contextlib.suppress(KeyError):\n    pass\n",
        "import weakref\nclass A:\n    pass\nref = weakref.ref(A())\n",
        "import secrets\nprint(len(secrets.token_hex(4)))\n",
        "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\nplt.figure()\nplt.close('all')\n",
    ];

    /// <summary>Returns both tables as cases with generated ids, for the parity test.</summary>
    public static IEnumerable<ValidatorCase> AsCases()
    {
        var index = 0;
        foreach (var (code, _, _) in BlockedCases())
        {
            yield return new ValidatorCase($"table-block-{index++}", code, "block", null);
        }

        index = 0;
        foreach (var code in AllowedCases())
        {
            yield return new ValidatorCase($"table-allow-{index++}", code, "allow", null);
        }
    }

    public static TheoryData<string, string, string> Blocked()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (code, rule, name) in BlockedCases())
        {
            data.Add(code, rule, name);
        }

        return data;
    }

    public static TheoryData<string> Allowed()
    {
        var data = new TheoryData<string>();
        foreach (var code in AllowedCases())
        {
            data.Add(code);
        }

        return data;
    }
}
