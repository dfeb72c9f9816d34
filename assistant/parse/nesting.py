"""How deep a YAML text nests, checked before PyYAML reads it: PyYAML's scanner slows
quadratically with depth ("[" * 20000 held a server thread for 38 s), and an OKR file nests
four or five levels."""

from __future__ import annotations

from assistant.parse.errors import InputError

MAX_YAML_DEPTH = 64


def check_yaml_depth(text: str) -> None:
    """Refuse YAML nested deeper than ``MAX_YAML_DEPTH`` before PyYAML reads it: flow
    brackets outside quotes and comments, "- - - x" on one line, indentation past 4 columns
    a level. One linear pass."""
    depth = 0
    quote = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        dashes = 0
        while stripped[dashes * 2:dashes * 2 + 2] == "- ":
            dashes += 1
        if indent > 4 * MAX_YAML_DEPTH or dashes > MAX_YAML_DEPTH:
            raise InputError(f"YAML nested more than {MAX_YAML_DEPTH} levels deep at line "
                             f"{number}; an OKR file needs a handful")
        previous = " "
        for char in line:
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'" and previous in " \t[{,:-":
                quote = char
            elif char == "#" and previous in " \t":
                break  # a comment, to the end of the line
            elif char in "[{":
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise InputError(f"YAML nested more than {MAX_YAML_DEPTH} levels deep at "
                                     f"line {number}; an OKR file needs a handful")
            elif char in "]}":
                depth = max(depth - 1, 0)
            previous = char
        if quote == "'":
            quote = ""  # (a single-quoted scalar rarely spans lines; do not let one run on)
