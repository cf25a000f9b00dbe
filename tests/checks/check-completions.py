#!/usr/bin/python3
"""The installed completions complete: bash, fish and zsh each load
limberctl's completion as built and are asked, as at a prompt, for
`limberctl pa<Tab>`, `limberctl set <Tab>`, `limberctl set interval-min
<Tab>` and `limberctl set activity-source <Tab>`. The answers must be the
tables' (the command, every key, the default, the choices).

Usage: check-completions.py DUMP-TABLES COMPLETIONS-DIR ZSH-HELPER"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

dump, completions, zsh_helper = sys.argv[1:4]
tables = json.loads(subprocess.run([dump], check=True, capture_output=True,
                                   text=True).stdout)
KEYS = {s["key"] for s in tables["settings"]}
SETTINGS = {s["key"]: s for s in tables["settings"]}
CASES = [
    (["limberctl", "pa"], {"pause"}),
    (["limberctl", "set", ""], KEYS),
    (["limberctl", "set", "interval-min", ""], {SETTINGS["interval-min"]["default"]}),
    (["limberctl", "set", "activity-source", ""], set(SETTINGS["activity-source"]["choices"])),
]

home = tempfile.mkdtemp(prefix="limber-completions-")
# The shells may write history or caches: into a directory of ours.
ENV = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home,
           XDG_CACHE_HOME=home, XDG_STATE_HOME=home)


def bash(words):
    script = f"""
source /usr/share/bash-completion/bash_completion
source {completions}/limberctl
COMP_WORDS=({' '.join(f"'{w}'" for w in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
$(complete -p limberctl | sed 's/.*-F \\([^ ]*\\) .*/\\1/') limberctl \
  "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    out = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], env=ENV,
                         capture_output=True, text=True, check=True, timeout=30).stdout
    return out.splitlines()


def fish(words):
    line = " ".join(words)
    out = subprocess.run(["fish", "--no-config", "-c",
                          f"source {completions}/limberctl.fish; complete -C '{line}'"],
                         env=ENV, capture_output=True, text=True, check=True,
                         timeout=30).stdout
    return [entry.split("\t")[0] for entry in out.splitlines()]


def zsh(words):
    # On a loaded machine the keys can reach the pseudo-terminal before zle
    # has set up its first line and nothing is completed: a fresh zsh is
    # tried again (three times at most); a wrong answer is never retried.
    for _ in range(3):
        out = subprocess.run(["zsh", "-f", zsh_helper, completions, *words], env=ENV,
                             capture_output=True, text=True, check=True, timeout=30).stdout
        found = re.findall(r"@@match:([^\r\n@]*)", out)
        if found:
            return found
    return found


problems = []
for shell in (bash, fish, zsh):
    if shutil.which(shell.__name__) is None:
        problems.append(f"{shell.__name__} is not installed (tests/run.sh installs it)")
        continue
    for words, expected in CASES:
        try:
            offered = shell(words)
        except subprocess.SubprocessError as e:
            problems.append(f"{shell.__name__}: '{' '.join(words)}<Tab>' failed: {e}")
            continue
        # Options (--help) may come along with the words.
        got = {w for w in offered if w and not w.startswith("-")}
        line = " ".join(words)
        if got != expected:
            problems.append(f"{shell.__name__}: '{line}<Tab>' offers {sorted(got)}, "
                            f"expected {sorted(expected)}")
        else:
            print(f"ok: {shell.__name__}: '{line}<Tab>' → {' '.join(sorted(got))}")

shutil.rmtree(home, ignore_errors=True)
for problem in problems:
    print("FAIL:", problem)
sys.exit(1 if problems else 0)
