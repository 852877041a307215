#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""SQL in app/ outside app/store must run on SQLite and on PostgreSQL alike. Reads every C
string literal of app/ that looks like SQL and reports, as TAP, the SQLite-only forms (and what
to write instead). The schema (app/store/lk-schema.c) and the store itself are exempt."""
import pathlib
import re
import sys

FORBIDDEN = [
    (r"\bINSERT\s+OR\s+(REPLACE|IGNORE)\b",
     "INSERT OR ...: write INSERT ... ON CONFLICT (key) DO UPDATE SET ... / DO NOTHING"),
    (r"\bREPLACE\s+INTO\b", "REPLACE INTO: write INSERT ... ON CONFLICT ... DO UPDATE"),
    (r"\bstrftime\s*\(|\bdatetime\s*\(|\bdate\s*\(\s*'now'|\bdate\s*\(\s*\?",
     "SQLite date functions: bind the time from C (lk_now_utc) or compare substr (col, 1, 10)"),
    (r"\bunixepoch\s*\(", "unixepoch: compute in C"),
    (r"\bGLOB\b", "GLOB: use LIKE with lower () on both sides"),
    (r"\binstr\s*\(", "instr: use position (... IN ...)? not portable; compute in C"),
    (r"\bifnull\s*\(", "ifnull: write coalesce"),
    (r"\biif\s*\(", "iif: write CASE WHEN"),
    (r"\bgroup_concat\s*\(", "group_concat: aggregate in C"),
    (r"\btotal\s*\(", "total: write coalesce (sum (x), 0)"),
    (r"\browid\b|\blast_insert_rowid\b", "rowid: use the id column (lk_stmt_insert returns it)"),
    (r"\bPRAGMA\b", "PRAGMA: SQLite only (store code only)"),
    (r"\bsqlite_(schema|master)\b", "sqlite_schema: SQLite only (store code only)"),
    (r"\b(sum|avg)\s*\(\s*[\w.]+\s*(=|<>|!=|<|>|IN\b)",
     "sum/avg of a comparison: write count (*) FILTER (WHERE ...) or CASE WHEN ... THEN 1 END"),
    (r"\bIN\s+[a-z_]+\b(?!\s*\()", "IN table: write IN (SELECT column FROM table)"),
    (r"\bIS\s+NOT\s+(?!NULL\b|DISTINCT\b|TRUE\b|FALSE\b)[\w?]", "IS NOT x: write IS DISTINCT FROM"),
    (r"\bIS\s+(?!NOT\b|NULL\b|DISTINCT\b|TRUE\b|FALSE\b)[\w?]", "IS x: write IS NOT DISTINCT FROM"),
    (r"(?<![\"\w])user\s*(,|=|FROM)", "the audit_event column user: quote it, \\\"user\\\""),
    (r"\bmax\s*\(\s*[^(),]+,\s*[^()]+\)|\bmin\s*\(\s*[^(),]+,\s*[^()]+\)",
     "max (a, b) / min (a, b) of two values: write CASE WHEN"),
    (r"\b(FROM|JOIN)\s+\(\s*SELECT\b[^()]*\)(?!\s*(AS\b|[a-z_]))",
     "a subquery in FROM needs a name on PostgreSQL: write (SELECT ...) AS name"),
    (r"\?\d*\s+IS\s+(NOT\s+)?NULL\b",
     "a parameter tested for NULL has no type on PostgreSQL when it is NULL: write"
     " CAST (?1 AS TEXT) IS NULL (or AS BIGINT, the type of the column it is compared with)"),
    (r"\bWHEN\s+[a-z_.]*\b(blind|disabled|locked|simulated|mated)\s+THEN",
     "an integer flag as a condition: compare it (= 1)"),
]
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b")
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
EXEMPT = {"app/store/lk-schema.c", "app/store/lk-store-sqlite.c", "app/store/lk-store-pg.c",
          "app/store/lk-store-copy.c", "app/store/lk-store.c"}


def sql_strings(path):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), path.read_text(),
                  flags=re.S)
    text = text.replace("\\\n", " \n")  # a macro's lines are one string too
    for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"(?:\s*(?:[A-Z_]+\s*)?"(?:[^"\\\n]|\\.)*")*', text):
        s = "".join(LITERAL.findall(m.group(0)))
        if SQL.search(s):
            yield text.count("\n", 0, m.start()) + 1, s


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    files = sorted(p for p in (root / "app").rglob("*.c")
                   if str(p.relative_to(root)) not in EXEMPT and "/cli/" not in str(p))
    problems = []
    for path in files:
        for line, s in sql_strings(path):
            for pattern, advice in FORBIDDEN:
                if re.search(pattern, s, re.I if pattern.startswith(r"\b(sum") else 0):
                    problems.append(f"{path.relative_to(root)}:{line}: {advice}: {s[:120]}")
    print("1..1")
    if problems:
        print("not ok 1 SQL in app/ is portable (SQLite and PostgreSQL)")
        for p in problems:
            print("# " + p)
        return 1
    print(f"ok 1 SQL in app/ is portable (SQLite and PostgreSQL): {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
