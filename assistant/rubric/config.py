"""Which rules run, with which thresholds: from ``okr.toml`` or ``[tool.okr]``, then CLI flags.

```toml
# okr.toml (top level), or the same keys under [tool.okr] in pyproject.toml
select = ["K", "O1", "S001"]   # codes or prefixes; default: every rule
ignore = ["K204"]
fail-on = "error"              # error | warning | info
[thresholds]
S001 = { warn_above = 4, error_above = 6 }
O102 = { min = 3 }
[severity]
K203 = "error"
```

The nearest ``okr.toml``, or ``pyproject.toml`` with a ``[tool.okr]`` table, walking up from
the working directory, is used; CLI flags win over it.
"""

from __future__ import annotations

import dataclasses
import os

from assistant.rubric.catalogue import Rule

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from typing import Any

    from assistant.types import Severity

SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


class ConfigError(ValueError):
    """A configuration that names an unknown rule, threshold or severity."""


class Config:
    """Settings for one run (a plain class: this module is on the start-up path)."""

    __slots__ = ("fail_on", "ignore", "select", "severity", "source", "thresholds")

    def __init__(self, source: str | None = None) -> None:
        self.select: list[str] = []  # codes or prefixes; empty: every rule
        self.ignore: list[str] = []
        self.thresholds: dict[str, dict[str, float]] = {}
        self.severity: dict[str, Severity] = {}
        self.fail_on: Severity = "warning"
        self.source = source  # the file the settings came from


def _codes(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' should be a list of rule codes")
    return [v.strip().upper() for v in value]


def from_mapping(data: dict[str, Any], source: str) -> Config:
    config = Config(source=source)
    known = {"select", "ignore", "fail-on", "fail_on", "thresholds", "severity"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s) {', '.join(sorted(unknown))}")
    if "select" in data:
        config.select = _codes(data["select"], "select", source)
    if "ignore" in data:
        config.ignore = _codes(data["ignore"], "ignore", source)
    fail_on = data.get("fail-on", data.get("fail_on"))
    if fail_on is not None:
        if fail_on not in SEVERITIES:
            raise ConfigError(f"{source}: fail-on must be one of {', '.join(SEVERITIES)}")
        config.fail_on = fail_on
    for code, values in dict(data.get("thresholds", {})).items():
        if not isinstance(values, dict):
            raise ConfigError(f"{source}: thresholds.{code} should be a table")
        try:
            config.thresholds[code.upper()] = {k: float(v) for k, v in values.items()}
        except (TypeError, ValueError):
            raise ConfigError(f"{source}: thresholds.{code} values must be numbers") from None
    for code, level in dict(data.get("severity", {})).items():
        if level not in SEVERITIES:
            raise ConfigError(f"{source}: severity.{code} must be one of {', '.join(SEVERITIES)}")
        config.severity[code.upper()] = level
    return config


def load_file(path: str) -> Config:
    import tomllib  # only when there is a configuration to read

    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("okr", {})
    return from_mapping(data, path)


def discover(start: str) -> Config:
    """The nearest okr.toml or pyproject.toml with [tool.okr], walking up; else defaults."""
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, "okr.toml")
        if os.path.isfile(candidate):
            return load_file(candidate)
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _mentions_okr(pyproject):
            return load_file(pyproject)
        parent = os.path.dirname(folder)
        if parent == folder:
            return Config()
        folder = parent


def _mentions_okr(pyproject: str) -> bool:
    """A byte search before any TOML parse: most pyproject files have no [tool.okr]."""
    try:
        with open(pyproject, "rb") as handle:
            return b"tool.okr" in handle.read()
    except OSError:
        return False


def _matches(code: str, patterns: list[str]) -> bool:
    return any(code.startswith(p) for p in patterns)


def effective_rules(catalogue: dict[str, Rule], config: Config) -> dict[str, Rule]:
    """The rules to run: selected, not ignored, with thresholds and severities applied."""
    for pattern in (*config.select, *config.ignore, *config.thresholds, *config.severity):
        if pattern != "ALL" and not any(code.startswith(pattern) for code in catalogue):
            raise ConfigError(f"unknown rule code or prefix {pattern!r} (see 'okr rules')")
    rules: dict[str, Rule] = {}
    for code, rule in catalogue.items():
        if config.select and "ALL" not in config.select and not _matches(code, config.select):
            continue
        if _matches(code, config.ignore):
            continue
        changes: dict[str, Any] = {}
        if code in config.thresholds:
            unknown = set(config.thresholds[code]) - set(rule.thresholds)
            if unknown:
                names = ", ".join(sorted(rule.thresholds)) or "none"
                raise ConfigError(
                    f"{code} has no threshold {', '.join(sorted(unknown))} (it has: {names})"
                )
            changes["thresholds"] = {**rule.thresholds, **config.thresholds[code]}
        if code in config.severity:
            changes["severity"] = config.severity[code]
        rules[code] = dataclasses.replace(rule, **changes) if changes else rule
    return rules
