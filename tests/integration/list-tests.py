#!/usr/bin/python3
"""Prints Class.test_method for every test in the given files, without
importing them (so that configuring the build needs no test dependencies)."""

import ast
import sys

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name.startswith("test_"):
                    print(f"{node.name}.{item.name}")
