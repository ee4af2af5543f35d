"""Lines of code blocks and help listings as the reader reads them: a shell command continued over lines as one,
a JSON or YAML value with the keys above it, each option of a help listing with its description and default.
Pure; part of splitting passages into sentences (``bot.read.sentences``)."""

from __future__ import annotations

import re

from knowledge.chunking import CONTINUED


def continued(lines: list[str]) -> list[str]:
    """A shell command continued over lines ("python finetune.py \\" / "--base_model x \\" / ...) as one line, so
    its options are read together; an option commented after its backslash ("--master_port 12356 \\ # defaults to
    12355") or on a comment line above it is also read on its own line, with its comment."""
    out: list[str] = []
    noted: list[str] = []
    joining = False
    said = ""  # "# 推理内容解析:" between the lines of a command: it says what the next option does
    for line in lines:
        if joining and out and _WHOLE_COMMENT.match(line):
            said = _WHOLE_COMMENT.match(line).group(1).rstrip(" :：")
            continue
        if joining and out:
            out[-1] = f"{out[-1]} {line.strip()}"
            if said:
                noted.append(f"{said}: {CONTINUED.sub('', line.rstrip()).strip()}")
                said = ""
        else:
            out.append(line)
        found = CONTINUED.search(line)
        joining = bool(found)
        if found and "#" in found.group(0):
            noted.append(line.strip())
        if joining:
            out[-1] = CONTINUED.sub("", out[-1].rstrip()).rstrip()
        elif noted:
            out.extend(noted)
            noted = []
    return out + noted


_WHOLE_COMMENT = re.compile(r"^\s*#+\s*(\S.*)$")
# a command-line option in help output: "  -p, --port <PORT>", "  --lr LR", then indented lines that describe it
_OPTION = re.compile(r"^\s*(?:-\w,\s*)?--[a-z0-9][\w-]*(?:[ =]<[^>]+>|\s+[A-Z_]{2,})?\s*$")
_DEFAULT = re.compile(r"^\s*\[default:[^\]]*\]\s*$", re.IGNORECASE)
_ENV = re.compile(r"^\s*\[env:\s*[A-Z0-9_]+=?[^\]]*\]\s*$")


# "overall_metrics": {  /  peft:  — a key that opens a nested block of a JSON or YAML snippet
_KEY_OPENS = re.compile(r"""^(\s*)["']?([A-Za-z_][\w.-]*)["']?\s*:\s*[{\[]?\s*$""")
_KEY_VALUE = re.compile(r"""^(\s*)["']?([A-Za-z_][\w.-]*)["']?\s*:\s*(["']?[\w.+-][^{\[]*?)\s*,?\s*$""")


def nested_keys(lines: list[str]) -> list[str]:
    """In code blocks, a JSON or YAML value under nested keys is written with its keys' path ("overall_metrics":
    { "f1": 67.3 } -> "overall_metrics f1: 67.3"), so the key the question names above it still names it."""
    out: list[str] = []
    fenced = False
    stack: list[tuple[int, str]] = []
    for line in lines:
        if line.lstrip().startswith("```"):
            fenced, stack = not fenced, []
            out.append(line)
            continue
        if not fenced or not line.strip():
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        opens, leaf = _KEY_OPENS.match(line), _KEY_VALUE.match(line)
        if opens:
            stack.append((indent, opens.group(2)))
        elif leaf and stack:
            line = f"{' ' * indent}{' '.join(k for _, k in stack)} {leaf.group(2)}: {leaf.group(3)}"
        elif line.strip() in ("}", "},", "]", "],"):
            continue
        out.append(line)
    return out


def option_blocks(lines: list[str]) -> list[str]:
    """Each option of a help listing as one line: the option, the first line that describes it and its
    ``[default: ...]``, so "the default port" finds "--port <PORT>: The port to listen on [default: 3000]"."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _ENV.match(lines[i]) and i + 1 < len(lines) and _DEFAULT.match(lines[i + 1]):
            out.append(f"{lines[i].strip()} {lines[i + 1].strip()}")  # "[env: PORT=] [default: 3000]" names its option
            i += 2
            continue
        if not _OPTION.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        block = [lines[i].strip()]
        choices: list[str] = []
        described = False
        j = i + 1
        while j < len(lines) and j - i <= 40 and not _OPTION.match(lines[j]) and not lines[j].lstrip().startswith(("#", "```")):
            line = lines[j].strip()
            choice = CHOICE.match(line)
            if choice:  # "- no-stack: Doesn't send the error stack trace": one value of the option, said on its own
                choices.append(f"{block[0].split()[-2] if ' <' in block[0] else block[0]} {choice.group(1)}: {choice.group(2)}")
            elif _DEFAULT.match(line) or _POSSIBLE.match(line) or (line and not described and not line.startswith("[")):
                block.append(line if described else _described(line))
                described = described or not line.startswith("[")
            j += 1
        out.append(f"{block[0]}: {' '.join(block[1:])}" if len(block) > 1 else block[0])
        out += choices
        i = j
    return out


def _described(line: str) -> str:
    """An option's description: its first sentence, and any sentence stating the default ("Default to `x + 50`")."""
    parts = re.split(r"(?<=[.!?])\s", line)
    kept = [parts[0].rstrip(".")] + [p for p in parts[1:] if re.search(r"\bdefaul(?:t|\b)", p, re.IGNORECASE)]
    return " ".join(kept)


_POSSIBLE = re.compile(r"^\s*\[possible values:[^\]]*\]\s*$", re.IGNORECASE)
CHOICE = re.compile(r"^-\s+([\w.-]+):\s+(\S.*)$")
