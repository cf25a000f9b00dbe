#!/usr/bin/python3
"""Every place that names the settings or the commands names exactly those
of the tables (include/limber-settings.c, cli/command-table.c), as the
dump-tables program prints them: limber.conf(5), limberctl's and limberd's
man pages, the bash, zsh and fish completions, limberctl --help and
README.md's example limber.conf. The defaults, ranges, choices and rules
they give must be the table's too.

limber.conf(5), limberctl(1)'s settings and the completions are generated
from the tables (doc/limber-docgen.c); this reads them as built, so that
the generator is checked as well as the hand-written parts.

Usage: check-tables.py DUMP-TABLES LIMBERCTL SOURCE-ROOT BUILD-ROOT"""

import json
import re
import subprocess
import sys

dump, limberctl, root, build = sys.argv[1:5]
tables = json.loads(subprocess.run([dump], check=True, capture_output=True,
                                   text=True).stdout)
KEYS = [s["key"] for s in tables["settings"]]
COMMANDS = [c["name"] for c in tables["commands"]]
DEFAULTS = {s["key"]: s["default"] for s in tables["settings"]
            if s["kind"] != "text"}
KEY_SHAPE = re.compile(r"^[a-z]+(-[a-z]+)+$")
problems = []


def read(path):
    with open(f"{root}/{path}", encoding="utf-8") as f:
        return f.read()


def built(path):
    with open(f"{build}/{path}", encoding="utf-8") as f:
        return f.read()


def compare(where, what, found, truth):
    found, truth = list(found), list(truth)
    for name in sorted(set(found) - set(truth)):
        problems.append(f"{where} names {what} '{name}', which the table lacks")
    for name in sorted(set(truth) - set(found)):
        problems.append(f"{where} misses {what} '{name}'")
    if len(found) != len(set(found)):
        problems.append(f"{where} names some {what}s twice: {found}")


def scd_section(text, title):
    """The lines of an scdoc '# TITLE' section."""
    match = re.search(rf"^# {title}\n(.*?)(?=^# |\Z)", text, re.M | re.S)
    return match.group(1).splitlines() if match else []


def scd_terms(lines):
    """The bold words of each term line (not indented, starting with '*')."""
    return [re.findall(r"\*([^*\s]+)\*", line) for line in lines
            if line.startswith("*")]


# limberctl(1): the SETTINGS terms are the keys (one may list several);
# each COMMANDS term starts with its command.
page = built("doc/limberctl.1.scd")
terms = scd_terms(scd_section(page, "SETTINGS"))
compare("limberctl.1 SETTINGS", "key", [w for t in terms for w in t], KEYS)
for line in scd_section(page, "SETTINGS"):
    m = re.match(r"^\*([^*]+)\* \(([^)]+)\)$", line)
    if m and m.group(1) in DEFAULTS and m.group(2) != DEFAULTS[m.group(1)]:
        problems.append(f"limberctl.1 gives {m.group(1)}'s default as "
                        f"{m.group(2)}, the table {DEFAULTS[m.group(1)]}")
compare("limberctl.1 COMMANDS", "command",
        [t[0] for t in scd_terms(scd_section(page, "COMMANDS"))], COMMANDS)

# limberd(1) names a few keys in bold and leaves the list to limberctl(1):
# whatever it names must exist.
for word in re.findall(r"\*([^*\s]+)\*", read("daemon/limberd.1.scd")):
    if KEY_SHAPE.match(word) and word not in KEYS:
        problems.append(f"limberd.1 names key '{word}', which the table lacks")


def words_of(where, pattern, text):
    match = re.search(pattern, text, re.M | re.S)
    if match is None:
        problems.append(f"{where}: no list matching {pattern!r}")
        return []
    return match.group(1).split()


bash = built("doc/limberctl")
compare("limberctl.bash", "key", words_of("limberctl.bash", r'local keys="([^"]*)"', bash), KEYS)
compare("limberctl.bash", "command",
        words_of("limberctl.bash", r'local commands="([^"]*)"', bash), COMMANDS)

zsh = built("doc/_limberctl")
compare("_limberctl", "key", words_of("_limberctl", r"^keys=\(([^)]*)\)", zsh), KEYS)
block = re.search(r"^commands=\((.*?)^\)", zsh, re.M | re.S)
if block is None:
    problems.append("_limberctl: no commands=( … ) list")
else:
    compare("_limberctl", "command",
            re.findall(r"^\s*'([^':]+):", block.group(1), re.M), COMMANDS)

fish = built("doc/limberctl.fish")
compare("limberctl.fish", "key", words_of("limberctl.fish", r"^set -l keys (.*?)$", fish), KEYS)
compare("limberctl.fish", "command",
        words_of("limberctl.fish", r"^set -l commands (.*?)$", fish), COMMANDS)
compare("limberctl.fish's descriptions", "command",
        re.findall(r"-n __limberctl_needs_command -a (\S+)", fish), COMMANDS)

# What each shell offers as a key's value: a duration's default, a choice's
# words.
def suggested(setting):
    """A choice's words; else the default, and off where the setting
    takes it; never a value of two words."""
    if "choices" in setting:
        return " ".join(setting["choices"])
    takes_off = setting["can_be_off"] or setting["kind"] in ("time of day", "day and time")
    if " " in setting["default"]:
        return "off" if takes_off else None
    if takes_off and setting["default"] != "off":
        return f"{setting['default']} off"
    return setting["default"]


SUGGESTED = {s["key"]: suggested(s) for s in tables["settings"]
             if s["kind"] != "text" and suggested(s) is not None}
for where, text, pattern in (
        ("limberctl.bash", bash, r"^\s*(\S+)\) values='([^']*)' ;;$"),
        ("_limberctl", zsh, r"^\s*(\S+)\) values='([^']*)' ;;$"),
        ("limberctl.fish", fish, r"__limberctl_value_of (\S+)' -a '([^']*)'$")):
    offered = dict(re.findall(pattern, text, re.M))
    compare(f"{where}'s values", "key", offered, SUGGESTED)
    for key, words in offered.items():
        if key in SUGGESTED and words != SUGGESTED[key]:
            problems.append(f"{where} offers '{words}' for {key}, the table "
                            f"'{SUGGESTED[key]}'")

# limberctl --help: a command starts each "  name …" line under Commands:;
# the Settings: sentence lists the keys, each kind's or choices in
# parentheses.
help_text = subprocess.run([limberctl, "--help"], check=True,
                           capture_output=True, text=True).stdout
listing = help_text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
compare("limberctl --help", "command",
        re.findall(r"^  (\S+)", listing, re.M), COMMANDS)
sentence = re.search(r"^Settings: (.*?)\.\n(?=\S)", help_text, re.M | re.S)
if sentence is None:
    problems.append("limberctl --help has no Settings: sentence")
else:
    bare = re.sub(r"\([^)]*\)", "", sentence.group(1))
    compare("limberctl --help", "key", re.findall(r"[a-z][a-z-]*", bare), KEYS)

# limber.conf(5): each key once as a term, with the table's default and
# range, every rule, and the example file with every key at its default.
conf = built("doc/limber.conf.5.scd")
section = scd_section(conf, "SETTINGS")
compare("limber.conf.5 SETTINGS", "key",
        [t[0] for t in scd_terms(section) if t], KEYS)
body = "\n".join(section)
for setting in tables["settings"]:
    entry = re.search(rf"^\*{re.escape(setting['key'])}\*\n(.*?)(?=^\*|\Z)",
                      body, re.M | re.S)
    if entry is None:
        continue
    text = entry.group(1)
    if setting["kind"] != "text" and f"Default: *{setting['default']}*" not in text:
        problems.append(f"limber.conf.5 does not give {setting['key']}'s default "
                        f"as {setting['default']}")
    if setting["kind"] == "durations" and \
            f"from {setting['min']} to {setting['max']}" not in text:
        problems.append(f"limber.conf.5 does not give {setting['key']}'s range "
                        f"as {setting['min']} to {setting['max']}")
    for choice in setting.get("choices", []):
        if f"*{choice}*" not in text:
            problems.append(f"limber.conf.5 misses {setting['key']}'s choice {choice}")
for shorter, longer in tables["rules"]:
    if f"*{shorter}* must not be longer than *{longer}*" not in conf:
        problems.append(f"limber.conf.5 misses the rule {shorter} <= {longer}")
sample = re.search(r"^# EXAMPLE\n.*?```\n\[limber\]\n(.*?)```", conf, re.M | re.S)
if sample is None:
    problems.append("limber.conf.5 has no example file")
else:
    pairs = [line.split("=", 1) for line in sample.group(1).splitlines()]
    compare("limber.conf.5's example", "key", [k for k, _ in pairs], KEYS)

# README.md's example limber.conf.
example = re.search(r"```ini\n\[limber\]\n(.*?)```", read("README.md"), re.S)
if example is None:
    problems.append("README.md has no ```ini [limber] example")
else:
    pairs = [line.split("=", 1) for line in example.group(1).splitlines()]
    compare("README.md's limber.conf", "key", [k for k, _ in pairs], KEYS)
    for key, value in pairs:
        if key in DEFAULTS and value != DEFAULTS[key]:
            problems.append(f"README.md gives {key}={value}, the table's "
                            f"default is {DEFAULTS[key]}")

for problem in problems:
    print("FAIL:", problem)
print(f"{len(KEYS)} keys and {len(COMMANDS)} commands checked in 9 places")
sys.exit(1 if problems else 0)
