#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The architecture's rules, checked on the source tree (TAP output, one case per rule):
SQL only in the store, internal headers only inside the core, no include cycles in app/ or ui/, no
source file over 1,000 lines in app/, ui/ or tests/, and a UI that reads records, not JSON."""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
SOURCES = (".c", ".h", ".cpp", ".hpp")


def files(folder):
    for base, _, names in os.walk(os.path.join(ROOT, folder)):
        for name in sorted(names):
            if name.endswith(SOURCES):
                path = os.path.join(base, name)
                yield os.path.relpath(path, ROOT), open(path, encoding="utf-8").read()


def sql_outside_store():
    return [f"{path}: uses SQLite directly" for path, text in files("app")
            if not path.startswith("app/store/") and re.search(r"\bsqlite3\w*|SQLITE_", text)]


def internal_includes():
    problems = []
    for folder in ("ui", "app/cli"):
        for path, text in files(folder):
            for header in re.findall(r'#include "([^"]+)"', text):
                if header.endswith("-private.h") and "/" in header:
                    problems.append(f"{path}: includes the core's internal {header}")
                if header == "lk-internal.h":
                    problems.append(f"{path}: includes lk-internal.h")
    return problems


def node(path):
    name = re.sub(r"\.(c|h|cpp|hpp)$", "", os.path.basename(path))
    return re.sub(r"-private$", "", name)


def include_cycles(folder):
    found = dict(files(folder))
    by_name = {}
    for path in found:
        by_name.setdefault(os.path.basename(path), path)
    graph = {}
    for path, text in found.items():
        edges = graph.setdefault(node(path), set())
        for header in re.findall(r'#include "([^"]+)"', text):
            target = by_name.get(os.path.basename(header))
            if target is not None and node(target) != node(path):
                edges.add(node(target))
    return [f"{folder}: include cycle through {', '.join(sorted(c))}" for c in cycles(graph)]


def cycles(graph):
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(component)

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            visit(v)
    return out


# Reading JSON: member and element getters, readers, parsers, node type tests. The UI binds to
# the core's typed records; JSON is only a format for import, export and --json.
JSON_READ = re.compile(r"\bjson_(object|array|node)_get_\w+|\bjson_(reader|parser)_\w+"
                       r"|\bJSON_NODE_(HOLDS|TYPE)\w*")


def json_reads_in_ui():
    # The pattern must catch what it is for, or the check passes on anything.
    assert JSON_READ.search('json_object_get_int_member (o, "id")')
    assert JSON_READ.search("JSON_NODE_HOLDS_OBJECT (node)")
    assert not JSON_READ.search("lk_annotation_get_id (a)")
    problems = []
    for path, text in files("ui"):
        for number, line in enumerate(text.split("\n"), 1):
            match = JSON_READ.search(line)
            if match:
                problems.append(f"{path}:{number}: reads JSON ({match.group(0)}); read the "
                                "core's typed record instead")
    return problems


def long_files():
    problems = []
    for folder in ("app", "ui", "tests"):
        for path, text in files(folder):
            lines = text.count("\n")
            if path.endswith((".c", ".cpp")) and lines > 1000:
                problems.append(f"{path}: {lines} lines; split it along its sections")
    return problems


CHECKS = [
    ("sql-only-in-store", sql_outside_store),
    ("internal-headers-stay-in-core", internal_includes),
    ("no-include-cycles-in-app", lambda: include_cycles("app")),
    ("no-include-cycles-in-ui", lambda: include_cycles("ui")),
    ("no-source-file-over-1000-lines", long_files),
    ("ui-reads-records-not-json", json_reads_in_ui),
]


def main():
    print(f"1..{len(CHECKS)}")
    failed = 0
    for number, (name, check) in enumerate(CHECKS, 1):
        problems = check()
        print(f"{'not ok' if problems else 'ok'} {number} /likeness/layering/{name}")
        for problem in problems:
            print(f"# {problem}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
