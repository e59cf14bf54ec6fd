"""A strict YAML loader that keeps the position of every node.

PyYAML's safe loader is already free of code execution, but it forgets where
things were, accepts duplicate keys (the last one silently wins) and reads a
few YAML 1.1 forms in surprising ways. This loader composes the node tree with
libyaml (when available) and builds plain Python values itself, so that:

* every value and key has a 1-based line and column (code points);
* a duplicate key is a problem, not a silent overwrite;
* only the standard scalar, sequence and mapping tags are accepted: ``!!python/...``
  and any other explicit tag is a problem and is never constructed;
* aliases are shared, not copied, and a file whose aliases would expand past a
  budget (a "billion laughs" bomb) or refer to themselves is refused;
* YAML 1.1 surprises are decided here, once:
  ``yes``/``no``/``on``/``off`` are booleans (a schema then rejects them where a
  string is expected, with a hint to quote them); unquoted ``2023-05-22`` is a
  date; ``1_000`` is the integer 1000; sexagesimal ``10:30`` and leading-zero
  "octal" ``010`` stay the strings they were written as, never 630 or 8.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# plain scalar -> its tag: claims files repeat the same keys and words. Saves 0.15-0.2 s of the 0.7 s
# that loading 10,000 claims takes (about 4 % of a cold check at 10,000 claims)
_RESOLVED: dict[str, str] = {}


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, with the tag of each plain scalar remembered (libyaml asks Python for every node;
    this loader has no path resolvers, so a quoted scalar, a list and a mapping get the default tag)."""

    def resolve(self, kind: Any, value: Any, implicit: Any, _scalar: Any = yaml.ScalarNode,
                _known: dict[str, str] = _RESOLVED) -> Any:  # called for every node: names bound once
        if kind is _scalar:
            if not implicit or not implicit[0] or not isinstance(value, str):
                return _STR_TAG  # quoted, or tagged "!": a string, as the base resolver decides
            tag = _known.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_RESOLVED) < 100_000:
                    _RESOLVED[value] = tag
            return tag
        if kind is yaml.MappingNode:
            return _MAP_TAG
        if kind is yaml.SequenceNode:
            return _SEQ_TAG
        return super().resolve(kind, value, implicit)


_STR_TAG = _BaseLoader.DEFAULT_SCALAR_TAG
_MAP_TAG = _BaseLoader.DEFAULT_MAPPING_TAG
_SEQ_TAG = _BaseLoader.DEFAULT_SEQUENCE_TAG

Path = tuple[str | int, ...]

MAX_DEPTH = 64
EXPANSION_BASE = 100_000  # nodes an alias-free file may always hold, past its own size
EXPANSION_FACTOR = 4  # aliases may at most make a file this many times larger

_TAG = "tag:yaml.org,2002:"
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_LEADING_ZERO_INT = re.compile(r"^[-+]?0[0-9_]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s*]", re.MULTILINE)
BOOLEAN_WORDS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


@dataclass
class YamlProblem:
    code: str
    message: str
    line: int
    column: int


@dataclass
class LoadedYaml:
    """The value of a YAML document and where each part of it was written."""

    data: Any = None
    problems: list[YamlProblem] = field(default_factory=list)
    value_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    raw_scalars: dict[Path, str] = field(default_factory=dict)  # how scalars YAML 1.1 would misread were written

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that was written."""
        positions = self.key_positions if key else self.value_positions
        probe = tuple(path)
        while probe:
            if probe in positions:
                return positions[probe]
            if not key and probe in self.key_positions:
                return self.key_positions[probe]
            probe = probe[:-1]
        return self.value_positions.get((), (1, 1))


class _TooLarge(Exception):
    pass


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _expanded_size(root: yaml.Node, budget: int) -> tuple[int, str | None]:
    """Count the nodes the document would have with aliases expanded.

    Sizes are memoised per node, so the count costs one pass over the distinct
    nodes however deep the aliases nest. Returns (size, problem).
    """
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    # Iterative post-order walk: deep documents must not exhaust the C stack.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            in_progress.discard(key)
            total = 1
            if isinstance(node, yaml.SequenceNode):
                total += sum(sizes[id(child)] for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                total += sum(sizes[id(k)] + sizes[id(v)] for k, v in node.value)
            sizes[key] = total
            if total > budget:
                return total, "aliases expand past the size limit (an alias bomb?)"
            continue
        if key in sizes:
            continue
        if key in in_progress:
            return 0, "an alias refers to a node that contains it (a recursive structure)"
        in_progress.add(key)
        stack.append((node, True))
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = []
        for child in children:
            if id(child) in in_progress:
                return 0, "an alias refers to a node that contains it (a recursive structure)"
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes.get(id(root), 1), None


def _count_distinct(root: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
    return len(seen)


_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (_TAG + name for name in ("str", "null", "bool", "int", "float",
                                                                        "timestamp"))
_SEQ, _MAP, _MERGE = _TAG + "seq", _TAG + "map", _TAG + "merge"


class _Builder:
    def __init__(self, result: LoadedYaml) -> None:
        self.result = result
        self.values = result.value_positions
        self.keys = result.key_positions
        self.raw = result.raw_scalars
        self.built: dict[int, Any] = {}

    def problem(self, code: str, message: str, node: yaml.Node) -> None:
        line, column = _mark(node)
        self.result.problems.append(YamlProblem(code, message, line, column))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.problem("S112", f"nesting deeper than {MAX_DEPTH} levels", node)
            raise _TooLarge
        mark = node.start_mark
        if path not in self.values:
            self.values[path] = (mark.line + 1, mark.column + 1)
        node_id = id(node)
        if node_id in self.built:  # an alias: share the value already built
            return self.built[node_id]
        kind = type(node)
        value: Any
        if kind is yaml.ScalarNode:
            value = self.scalar(node, path)
        elif kind is yaml.SequenceNode:
            if node.tag != _SEQ:
                self.check_tag(node, _SEQ)
            value = []
            self.built[node_id] = value
            append = value.append
            for index, child in enumerate(node.value):
                append(self.build(child, (*path, index), depth + 1))
        else:
            if node.tag != _MAP:
                self.check_tag(node, _MAP)
            value = {}
            self.built[node_id] = value
            keys = self.keys
            for key_node, value_node in node.value:
                if type(key_node) is not yaml.ScalarNode:
                    self.problem("S101", "a mapping key must be a plain scalar", key_node)
                    continue
                if key_node.tag == _MERGE:
                    self.problem("S103", "merge keys (<<) are not supported", key_node)
                    continue
                key = key_node.value
                child_path = (*path, key)
                if key in value:
                    first_line, first_col = keys[child_path]
                    self.problem(
                        "S102",
                        f"duplicate key '{key}' (first defined at line {first_line}, "
                        f"column {first_col}); the second value would silently win",
                        key_node,
                    )
                    continue
                key_mark = key_node.start_mark
                keys[child_path] = (key_mark.line + 1, key_mark.column + 1)
                value[key] = self.build(value_node, child_path, depth + 1)
        self.built[node_id] = value
        return value

    def check_tag(self, node: yaml.Node, tag: str) -> None:
        if node.tag != tag:
            self.problem("S103", f"unsupported tag '{node.tag}'; only plain YAML is read", node)

    def scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag == _NULL:
            return None
        if tag == _BOOL:
            self.raw[path] = text
            return BOOLEAN_WORDS.get(text.lower(), text)
        if tag == _INT:
            if _SEXAGESIMAL.match(text) or _LEADING_ZERO_INT.match(text):
                self.raw[path] = text
                return text
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return text
        if tag == _FLOAT:
            if _SEXAGESIMAL.match(text):
                self.raw[path] = text
                return text
            lowered = text.lower().lstrip("+")
            if lowered in (".inf", "-.inf", ".nan"):
                return float(lowered.replace(".", ""))
            try:
                return float(text.replace("_", ""))
            except ValueError:
                return text
        if tag == _TIMESTAMP:
            self.raw[path] = text
            if _DATE.match(text):
                try:
                    return _dt.date.fromisoformat(text)
                except ValueError:
                    return text
            return text  # a time of day is never wanted in a claims file: keep the text
        self.problem("S103", f"unsupported tag '{tag}'; only plain YAML is read", node)
        return None


_DEEP_INDENT = re.compile(r"^[ \t]{%d}" % (2 * MAX_DEPTH + 1), re.MULTILINE)


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where nesting passes MAX_DEPTH, for documents that might nest deeply.

    libyaml's composer recurses once per level, so a document nested a
    hundred thousand deep would overflow the C stack; such a document is
    refused from its event stream (which is read iteratively) before composing.
    """
    flow = text.count("[") + text.count("{")
    if flow <= MAX_DEPTH and not _DEEP_INDENT.search(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as error:
        if "nesting depth" in str(error):  # libyaml's own depth limit (newer releases) stopped it first
            mark = getattr(error, "problem_mark", None)
            return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return None  # the composer will report the syntax error with its position
    return None


def load_yaml(text: str) -> LoadedYaml:
    """Parse one YAML document; problems are reported, never raised."""
    result = LoadedYaml()
    deep = _too_deep(text)
    if deep is not None:
        result.problems.append(YamlProblem("S112", f"nesting deeper than {MAX_DEPTH} levels", *deep))
        return result
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = error.problem or str(error)
        context = f" {error.context}" if error.context else ""
        start = error.context_mark
        if start is not None and mark is not None and (start.line, start.column) != (mark.line, mark.column):
            context += f" that starts at line {start.line + 1}, column {start.column + 1}"
        result.problems.append(YamlProblem("S101", f"invalid YAML: {problem}{context}", line, column))
        return result
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        line, column = 1, 1
        position = getattr(error, "position", None)
        if isinstance(position, int):
            line = text.count("\n", 0, position) + 1
            column = position - (text.rfind("\n", 0, position) + 1) + 1
        character = getattr(error, "character", None)
        what = (f"character {ord(character):#06x} is not allowed in YAML" if isinstance(character, str)
                else str(error).splitlines()[0])
        result.problems.append(YamlProblem("S101", f"invalid YAML: {what}", line, column))
        return result
    except RecursionError:
        result.problems.append(YamlProblem("S112", "nesting too deep to read", 1, 1))
        return result
    if root is None:
        return result
    if _ALIAS.search(text):  # only a document with aliases can expand
        budget = EXPANSION_FACTOR * _count_distinct(root) + EXPANSION_BASE
        _, trouble = _expanded_size(root, budget)
        if trouble is not None:
            line, column = _mark(root)
            result.problems.append(YamlProblem("S112", trouble, line, column))
            return result
    try:
        result.data = _Builder(result).build(root, (), 0)
    except _TooLarge:
        result.data = None
    return result
