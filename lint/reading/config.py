"""Finding the project root and reading ``[tool.claimlint]`` from its pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FAIL_ON_CHOICES = ("error", "warning", "info")


class ConfigError(Exception):
    """The tool cannot do its job: bad arguments or configuration (exit status 2)."""


@dataclass
class Config:
    root: Path
    claims_dir: Path
    seeds_dir: Path
    rules_dir: Path
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "warning"
    # Files open in an editor and not saved, by root-relative POSIX path: read instead of the disk
    # (the language server checks what is typed; the command line never sets it).
    unsaved: dict[str, bytes] = field(default_factory=dict)


def default_rules_dir() -> Path:
    """The rules shipped with claimlint (in a wheel) or kept beside the engine (in a checkout)."""
    package = Path(__file__).resolve().parent.parent  # claimlint/, in a wheel; lint/, in a checkout
    packaged = package / "default_rules"
    if packaged.is_dir():
        return packaged
    return package.parent / "rules"


# tomllib gives the position only at the end of its message: "... (at line 3, column 5)"
_TOML_POSITION = re.compile(r"^(?P<message>.*?) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.DOTALL)


def _shown(path: Path) -> str:
    """A path as the user would write it: relative to the working directory when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def read_pyproject(pyproject: Path) -> dict[str, Any]:
    """The parsed pyproject.toml; ConfigError names the file, and for bad TOML its line and column."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {_shown(pyproject)}: {error}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_POSITION.match(str(error))
        if found is None:
            raise ConfigError(f"{_shown(pyproject)}: invalid TOML: {error}") from None
        raise ConfigError(f"{_shown(pyproject)}:{found['line']}:{found['column']}: invalid TOML: "
                          f"{found['message']}") from None


def _has_tool_section(pyproject: Path) -> bool:
    data = read_pyproject(pyproject)
    return isinstance(data.get("tool"), dict) and "claimlint" in data["tool"]


def find_root(start: Path) -> Path | None:
    """The nearest directory, from ``start`` upwards, whose pyproject.toml has [tool.claimlint].

    A pyproject.toml that cannot be read stops the search with a ConfigError: it may be
    the very configuration meant, and skipping it would silently use another one.
    """
    current = start.resolve()
    for candidate in (current, *current.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return candidate
    return None


def _codes(value: object, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"[tool.claimlint] {key} must be a list of finding codes or prefixes")
    return [v.strip().upper() for v in value if v.strip()]


def _folder(root: Path, settings: dict[str, object], key: str) -> Path:
    value = settings.get(key, key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"[tool.claimlint] {key} must be a folder path relative to the root")
    path = Path(value)
    if path.is_absolute() or ".." in path.parts:
        raise ConfigError(f"[tool.claimlint] {key} must stay inside the project root: '{value}'")
    folder = root / path
    # a folder named in the configuration must be there: a typo must not lint nothing and pass
    if key in settings and not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise ConfigError(f"[tool.claimlint] {key} = '{value}': folder {folder} {what}")
    return folder


def require_claims_folder(config: Config) -> None:
    """Linting needs a claims folder: without one every run would pass having checked nothing."""
    if config.claims_dir.is_dir():
        return
    what = "is not a folder" if config.claims_dir.exists() else "does not exist"
    pyproject = config.root / "pyproject.toml"
    if not pyproject.is_file():
        raise ConfigError(f"the claims folder {config.claims_dir} {what}, and {config.root} has no "
                          "pyproject.toml: is it the root of a claims project?")
    raise ConfigError(f"the claims folder {config.claims_dir} {what}; create it, or name the folder "
                      f"with `claims = \"...\"` under [tool.claimlint] in {pyproject}")


def load_config(root_option: str | None, cwd: Path) -> Config:
    if root_option is not None:
        root = Path(root_option)
        if not root.is_dir():
            raise ConfigError(f"--root '{root_option}' is not a directory")
        root = root.resolve()
    else:
        found = find_root(cwd)
        if found is None:
            raise ConfigError(
                "no pyproject.toml with a [tool.claimlint] section here or above; "
                "run inside a claims project or pass --root DIR"
            )
        root = found
    settings: dict[str, object] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.exists():
        data = read_pyproject(pyproject)
        tool = data.get("tool", {})
        section = tool.get("claimlint", {}) if isinstance(tool, dict) else {}
        if not isinstance(section, dict):
            raise ConfigError("[tool.claimlint] must be a table")
        settings = section
    known = {"claims", "seeds", "rules", "select", "ignore", "fail-on"}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise ConfigError(f"[tool.claimlint] has unknown setting(s): {', '.join(unknown)}")
    fail_on = settings.get("fail-on", "warning")
    if fail_on not in FAIL_ON_CHOICES:
        raise ConfigError(f"[tool.claimlint] fail-on must be one of {', '.join(FAIL_ON_CHOICES)}")
    return Config(
        root=root,
        claims_dir=_folder(root, settings, "claims"),
        seeds_dir=_folder(root, settings, "seeds"),
        rules_dir=_folder(root, settings, "rules"),
        select=_codes(settings.get("select", []), "select"),
        ignore=_codes(settings.get("ignore", []), "ignore"),
        fail_on=str(fail_on),
    )
