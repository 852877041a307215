#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""embed-text.py NAME INPUT OUTPUT: writes a C file defining `const char NAME[]` with INPUT's
text (the PostgreSQL schema is kept as a plain .sql file and compiled in)."""
import sys

name, source, target = sys.argv[1:4]
text = open(source, encoding="utf-8").read()
with open(target, "w", encoding="utf-8") as out:
    out.write(f"/* Generated from {source.split('/')[-1]} by embed-text.py; do not edit. */\n")
    out.write(f"extern const char {name}[];\nconst char {name}[] =\n")
    for line in text.splitlines(True):
        escaped = line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        out.write(f'  "{escaped}"\n')
    out.write(";\n")
