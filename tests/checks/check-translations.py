#!/usr/bin/python3
"""The translations keep up with the sources:

- po/POTFILES.in lists every C file of cli/, daemon/ and include/, and
  every header that marks text;
- po/limber.pot holds exactly the messages the sources mark now
  (regenerated with xgettext and compared), so a new string cannot reach
  users without a msgid;
- every catalog of po/LINGUAS translates every one of them: msgfmt
  --check passes, nothing untranslated or fuzzy, the German plural rule;
- the built-in routines' texts keep to routine.h's limits in every
  language: a step (context "step") is one banner line of the pop-up, a
  cue ("cue") and a title ("routine title") have their maximum too.

Usage: check-translations.py SOURCE_DIR
"""

import os
import re
import subprocess
import sys
import tempfile

KEYWORDS = ["-k_", "-kN_", "-kC_:1c,2", "-kNC_:1c,2", "-kg_dngettext:2,3",
            "-kg_dpgettext2:2c,3"]
MARKED = re.compile(r"(?<![\w^])(?:N_|C_|NC_|_|g_dngettext|g_dpgettext2) \(")
# Context -> the routine.h define that limits its texts, in characters.
LIMITED = {"step": "LIMBER_STEP_TEXT_MAX", "cue": "LIMBER_STEP_CUE_MAX",
           "routine title": "LIMBER_ROUTINE_TITLE_MAX"}

src = sys.argv[1]
problems = []
with open(os.path.join(src, "daemon", "core", "routine.h"), encoding="utf-8") as f:
    header = f.read()
LIMITS = {}
for context, name in LIMITED.items():
    found = re.search(rf"#define {name}\s+(\d+)", header)
    if not found:
        sys.exit(f"FAIL: no {name} in daemon/core/routine.h")
    LIMITS[context] = int(found.group(1))
FIX = ("regenerate it (ninja -C BUILD limber-pot limber-update-po) and "
       "translate the new messages in po/*.po")


def unquote(text):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)),
                  text)


def entries(path):
    """(context, msgid, plural) -> {"strs": [...], "fuzzy": bool,
    "comments": [...]} of a .po or .pot file (the header left out)."""
    result = {}
    with open(path, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    for block in blocks:
        fields, comments, fuzzy, last = {}, [], False, None
        for line in block.strip().split("\n"):
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in line
            elif line.startswith("#."):
                comments.append(line[2:].strip())
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[last] += unquote(line[1:-1])
            elif line:
                name, value = line.split(" ", 1)
                last = name
                fields[name] = unquote(value[1:-1])
        if "msgid" not in fields or fields["msgid"] == "" and "msgctxt" not in fields:
            continue
        key = (fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"))
        strs = [v for k, v in sorted(fields.items()) if k.startswith("msgstr")]
        result[key] = {"strs": strs, "fuzzy": fuzzy, "comments": comments}
    return result


def show(key):
    context, msgid, _ = key
    return (f"[{context}] " if context else "") + repr(msgid[:70])


# POTFILES.in: every C file, and headers that mark text.
with open(os.path.join(src, "po", "POTFILES.in"), encoding="utf-8") as f:
    listed = {line.strip() for line in f if line.strip() and not line.startswith("#")}
for top in ("cli", "daemon", "include"):
    for folder, _, names in os.walk(os.path.join(src, top)):
        for name in names:
            path = os.path.relpath(os.path.join(folder, name), src)
            if not name.endswith((".c", ".h")) or path in listed:
                continue
            with open(os.path.join(src, path), encoding="utf-8") as f:
                marks = MARKED.search(f.read())
            if name.endswith(".c") or marks:
                problems.append(f"po/POTFILES.in does not list {path}: add it")
for path in sorted(listed):
    if not os.path.exists(os.path.join(src, path)):
        problems.append(f"po/POTFILES.in lists {path}, which does not exist")

# The template against the sources.
with tempfile.TemporaryDirectory() as tmp:
    fresh = os.path.join(tmp, "limber.pot")
    subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments=TRANSLATORS",
                    "--directory", src, "--output", fresh, *KEYWORDS,
                    *sorted(p for p in listed if os.path.exists(os.path.join(src, p)))],
                   check=True)
    now = entries(fresh)
committed = entries(os.path.join(src, "po", "limber.pot"))
for key in sorted(set(now) - set(committed), key=str):
    problems.append(f"po/limber.pot lacks {show(key)}, marked in the sources: {FIX}")
for key in sorted(set(committed) - set(now), key=str):
    problems.append(f"po/limber.pot still has {show(key)}, gone from the sources: {FIX}")

# Every catalog translates every message of the sources.
with open(os.path.join(src, "po", "LINGUAS"), encoding="utf-8") as f:
    languages = f.read().split()
if not languages:
    problems.append("po/LINGUAS names no language")
for lang in languages:
    path = os.path.join(src, "po", f"{lang}.po")
    check = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, path],
                           capture_output=True, text=True, check=False)
    print(f"{lang}: {check.stderr.strip()}")
    if check.returncode != 0:
        problems.append(f"msgfmt --check fails on po/{lang}.po:\n{check.stderr}")
    catalog = entries(path)
    for key in sorted(now, key=str):
        entry = catalog.get(key)
        if entry is None:
            problems.append(f"po/{lang}.po lacks {show(key)}: {FIX}")
        elif entry["fuzzy"]:
            problems.append(f"po/{lang}.po: {show(key)} is fuzzy: check it and drop the flag")
        elif not all(entry["strs"]):
            problems.append(f"po/{lang}.po leaves {show(key)} untranslated")
        elif key[0] in LIMITS:
            for text in entry["strs"]:
                if len(text) > LIMITS[key[0]]:
                    problems.append(
                        f"po/{lang}.po: the {key[0]} {text!r} is {len(text)} "
                        f"characters long; at most {LIMITS[key[0]]} fit, as in "
                        f"daemon/core/routine.h")
    with open(path, encoding="utf-8") as f:
        header = f.read(2000)
    if lang == "de" and "Plural-Forms: nplurals=2; plural=(n != 1);" not in header:
        problems.append("po/de.po: the plural rule is not nplurals=2; plural=(n != 1);")

for problem in problems:
    print("FAIL:", problem)
print(f"{len(now)} messages, {len(languages)} catalogs")
sys.exit(1 if problems else 0)
