#!/usr/bin/python3
"""limberd's rooms and their direction: no include cycle among daemon/
files, and no include against the layers.

A module is a header and the files that implement it (a .c file belongs to
the header it includes first; "x-private.h" belongs to x). An edge is an
include of a header of daemon/. The rooms, lowest first:

    core/  <  config/, store/, sources/  <  daemon/ (the shell)  <  bus/

and main.c, the composition root, above them all. The build already refuses
an include of a room it does not depend on; this check also catches cycles
inside a room, and says which files close them.

Usage: check-layers.py DAEMON_DIR
"""

import os
import re
import sys

RANK = {"core": 0, "config": 1, "store": 1, "sources": 1, "": 2, "bus": 3}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def main(top):
    headers, files = {}, []
    for room in RANK:
        folder = os.path.join(top, room)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith((".c", ".h")):
                files.append((room, name))
                if name.endswith(".h"):
                    headers[name] = room

    def module_of(room, name):
        if name.endswith(".h"):
            return name[:-2].removesuffix("-private")
        with open(os.path.join(top, room, name), encoding="utf-8") as f:
            own = [h for h in INCLUDE.findall(f.read()) if h in headers]
        return module_of(headers[own[0]], own[0]) if own else name[:-2]

    problems, edges, room_of = [], {}, {}
    for room, name in files:
        module = module_of(room, name)
        room_of.setdefault(module, room)
        with open(os.path.join(top, room, name), encoding="utf-8") as f:
            included = [h for h in INCLUDE.findall(f.read()) if h in headers]
        for header in included:
            target = module_of(headers[header], header)
            if name == "main.c":
                continue
            if RANK[headers[header]] > RANK[room]:
                problems.append(f"{room or 'daemon'}/{name} includes {header}, "
                                f"a higher layer ({headers[header] or 'the shell'}/)")
            if target != module:
                edges.setdefault(module, {}).setdefault(target, f"{room}/{name}".lstrip("/"))

    # Depth-first search for a cycle; report the files that close it.
    state = {}

    def visit(node, path):
        state[node] = "open"
        for nxt, via in sorted(edges.get(node, {}).items()):
            if state.get(nxt) == "open":
                cycle = path[path.index(nxt):] + [nxt]
                problems.append("include cycle: " + " -> ".join(cycle) +
                                f" (closed by {via})")
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])

    for p in problems:
        print("FAIL:", p)
    if problems:
        return 1
    print(f"ok: {len(files)} files, {len(room_of)} modules, no cycle, "
          "no include against the layers")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
