"""Check what `lanman export` writes with the tools of each engine's own ecosystem.

Run by .ci/check-exports with the Python of target/exports-venv (`.ci/venv exports`):

    python .ci/check_exports.py path/to/lanman

- PowerShell (the DSC configuration, the Intune detection and remediation scripts, and
  `lanman completions powershell`): parsed with tree-sitter-powershell; any ERROR or MISSING
  node fails, except the one grammar gap listed in KNOWN_GAPS, which is checked to still be a
  gap (so the allowance goes when the grammar learns the form).
- Ansible (the playbook): `ansible-playbook --syntax-check`, `ansible-lint --offline`, and each
  task's arguments against the options `ansible-doc` reports for the installed module
  (ansible-lint does not check the arguments of PowerShell modules).

Prints the seconds each checker took. Exits 1 on any finding.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import tree_sitter
import tree_sitter_powershell
import yaml

# The values each document is generated for: the usual case, off alone, KeepConn alone, and
# the extremes (0 with --allow-zero, 65535).
VALUE_SETS = [
    ["--autodisconnect", "480", "--keepconn", "1h"],
    ["--autodisconnect", "off"],
    ["--keepconn", "600"],
    ["--autodisconnect", "0", "--allow-zero", "--keepconn", "65535"],
]

# The `ansible` package whose wheel ships the collections the playbook uses (community.windows
# 3.1.0 and ansible.windows 3.3.0 in ansible 12.3.0, the newest for Python 3.11), and those two.
ANSIBLE_PACKAGE = "ansible==12.3.0"
COLLECTIONS = ["ansible_collections/ansible/windows/", "ansible_collections/community/windows/"]

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))

# Forms PowerShell accepts that tree-sitter-powershell 0.26.4 flags as an error, each with a
# snippet that shows the gap. Only these exact shapes are allowed, nothing around them.
KNOWN_GAPS = [
    (
        # A method whose only argument is a script block, called without parentheses:
        # `$list.Where{ ... }` (clap_complete's PowerShell script uses it). PowerShell accepts
        # it for .Where and .ForEach, and for any method taking one script block. The grammar
        # marks the method name as an ERROR node between `.` and `{`.
        "a script-block method call without parentheses (.Where{ })",
        "$a = 1, 2, 3\n$a.Where{ $_ -gt 1 } | Out-Null\n",
        lambda source, node: re.fullmatch(rb"[A-Za-z_][A-Za-z0-9_]*", node.text) is not None
        and source[node.start_byte - 1 : node.start_byte] == b"."
        and source[node.end_byte : node.end_byte + 1] == b"{",
    ),
]


def problems(source: bytes):
    """Every ERROR or MISSING node: (kind, line, column, text)."""
    found = []
    stack = [PARSER.parse(source).root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            found.append(node)
        stack.extend(node.children)
    return sorted(found, key=lambda n: n.start_byte)


def unexplained(source: bytes):
    return [
        n
        for n in problems(source)
        if not any(allowed(source, n) for _, _, allowed in KNOWN_GAPS)
    ]


def describe(source: bytes, node) -> str:
    row, column = node.start_point
    line = source.split(b"\n")[row].decode("ascii", "replace").rstrip("\r")
    kind = "missing " + node.type if node.is_missing else "error"
    return f"line {row + 1} column {column + 1}: {kind}: {line.strip()}"


def check_powershell(name: str, text: str, failures: list):
    source = text.encode("utf-8")
    for node in unexplained(source):
        failures.append(f"{name}: {describe(source, node)}")


def check_grammar_itself(failures: list):
    """The checker must see errors (a broken script fails), and each known gap must still be
    one (else its allowance hides nothing and must go)."""
    broken = b"if ($x {\n    Write-Output 'unclosed'\n"
    if not problems(broken):
        failures.append("tree-sitter-powershell finds no error in a broken script: the checker is blind")
    for what, snippet, allowed in KNOWN_GAPS:
        source = snippet.encode("utf-8")
        flagged = problems(source)
        if not flagged:
            failures.append(f"the grammar now parses {what}: remove it from KNOWN_GAPS")
        elif any(not allowed(source, n) for n in flagged):
            failures.append(f"the allowance for {what} no longer matches what the grammar flags")


def lanman(binary: str, *args: str) -> str:
    result = subprocess.run([binary, *args], capture_output=True, check=False)
    if result.returncode != 0:
        sys.exit(f"lanman {' '.join(args)} failed ({result.returncode}): {result.stderr.decode()}")
    return result.stdout.decode("utf-8")


def documented_options(modules, env):
    """module -> {name: (names, required, choices)} for every name of an option (its own and
    its aliases), from ansible-doc."""
    result = subprocess.run(
        ["ansible-doc", "-t", "module", "--json", *modules],
        capture_output=True,
        env=env,
        check=True,
    )
    docs = json.loads(result.stdout)
    options = {}
    for module in modules:
        table = {}
        for name, spec in docs[module]["doc"]["options"].items():
            names = [name, *(spec.get("aliases") or [])]
            for key in names:
                table[key] = (names, bool(spec.get("required")), spec.get("choices"))
        options[module] = table
    return options


def module_tasks(text: str):
    """(module, arguments) of every task, the module being its fully qualified key."""
    plays = yaml.safe_load(text)
    return [
        (key, task[key])
        for play in plays
        for task in play.get("tasks", [])
        for key in task
        if "." in key
    ]


def check_playbook_arguments(name: str, text: str, options, failures: list):
    for module, args in module_tasks(text):
        known = options[module]
        for arg, value in args.items():
            if arg not in known:
                failures.append(f"{name}: {module} has no option {arg}")
            elif known[arg][2] and value not in known[arg][2]:
                failures.append(f"{name}: {module} {arg}={value!r} is not one of {known[arg][2]}")
        for option, (names, required, _) in known.items():
            if required and option == names[0] and not any(n in args for n in names):
                failures.append(f"{name}: {module} needs {option}")


def collections_path() -> Path:
    """A folder holding the two collections, unpacked from the `ansible` wheel once per venv
    (PyPI's wheel: Galaxy is not reachable from CI)."""
    folder = Path(sys.prefix, "collections")
    pin = folder / ".pin"
    if pin.exists() and pin.read_text() == ANSIBLE_PACKAGE:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    with tempfile.TemporaryDirectory() as download:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-deps", ANSIBLE_PACKAGE, "-d", download],
            check=True,
        )
        (wheel,) = Path(download).glob("ansible-*.whl")
        with zipfile.ZipFile(wheel) as archive:
            names = [n for n in archive.namelist() if n.startswith(tuple(COLLECTIONS))]
            archive.extractall(folder, names)
    pin.write_text(ANSIBLE_PACKAGE)
    return folder


def run_tool(name: str, command, cwd, env, failures: list):
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        failures.append(f"{name}: {' '.join(command[:2])} exited {result.returncode}\n{result.stdout}{result.stderr}")


def main():
    binary = os.path.abspath(sys.argv[1])
    failures = []
    timings = {}

    started = time.monotonic()
    check_grammar_itself(failures)
    scripts = {"lanman completions powershell": lanman(binary, "completions", "powershell")}
    with tempfile.TemporaryDirectory() as work:
        for i, values in enumerate(VALUE_SETS):
            label = " ".join(values)
            scripts[f"dsc {label}"] = lanman(binary, "export", *values, "--format", "dsc")
            folder = Path(work, f"intune-{i}")
            lanman(binary, "export", *values, "--format", "intune", "--output", str(folder))
            for script in sorted(folder.glob("*.ps1")):
                scripts[f"intune {script.name} {label}"] = script.read_text(encoding="utf-8")
        for name, text in scripts.items():
            check_powershell(name, text, failures)
        timings["tree-sitter-powershell"] = time.monotonic() - started

        env = dict(os.environ)
        venv_bin = str(Path(sys.executable).parent)
        env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
        env["ANSIBLE_HOME"] = str(Path(work, "ansible-home"))
        env["ANSIBLE_LOCAL_TEMP"] = str(Path(work, "ansible-tmp"))
        env["PYTHONWARNINGS"] = "ignore"
        started = time.monotonic()
        env["ANSIBLE_COLLECTIONS_PATH"] = str(collections_path())
        timings["collections (unpacked once)"] = time.monotonic() - started
        playbooks = []
        for i, values in enumerate(VALUE_SETS):
            path = Path(work, f"lanman-{i}.yml")
            lanman(binary, "export", *values, "--output", str(path))
            playbooks.append((" ".join(values), path))

        started = time.monotonic()
        run_tool(
            "playbooks",
            ["ansible-playbook", "--syntax-check", "-i", "localhost,", *(str(p) for _, p in playbooks)],
            work,
            env,
            failures,
        )
        timings["ansible-playbook --syntax-check"] = time.monotonic() - started

        started = time.monotonic()
        run_tool("playbooks", ["ansible-lint", "--offline", "--nocolor", *(str(p) for _, p in playbooks)], work, env, failures)
        timings["ansible-lint"] = time.monotonic() - started

        started = time.monotonic()
        texts = [(label, path.read_text(encoding="utf-8")) for label, path in playbooks]
        modules = sorted({module for _, text in texts for module, _ in module_tasks(text)})
        options = documented_options(modules, env)
        for label, text in texts:
            check_playbook_arguments(f"playbook {label}", text, options, failures)
        timings["module options (ansible-doc)"] = time.monotonic() - started

    for name, seconds in timings.items():
        print(f"check-exports: {name}: {seconds:.1f} s")
    print(f"check-exports: {len(scripts)} PowerShell scripts, {len(playbooks)} playbooks")
    if failures:
        for failure in failures:
            print(f"check-exports: {failure}", file=sys.stderr)
        sys.exit(1)
    print("check-exports: ok")


if __name__ == "__main__":
    main()
