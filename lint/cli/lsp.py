"""``claimlint lsp``: a language server for claims files, over stdio (the ``lsp`` extra: pygls).

The whole base is checked as ``claimlint check`` checks it, with the cache, each time an open claims
file changes; the text typed and not yet saved is checked instead of the file on disk
(``Config.unsaved``). Diagnostics go to every file with an unresolved finding: the claims file being
edited, the other claims files a change contradicts, and the sources. Hover on a ``quote:`` shows the
source passage around it; ``metric:``, ``subject:`` and ``share_of:`` complete from ``rules/``; code
actions replace a quote not found (C101) with the closest passage and add a resolution skeleton.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..engine.base_stage import Result, Selection, run
from ..reading.claims import CLAIMS_SUFFIXES, ClaimsBase, load_claims_file, relative
from ..reading.config import Config, ConfigError, load_config
from ..reading.findings import Finding, Severity
from . import claims_text
from .claims_text import Edit

SOURCE = "claimlint"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_COMPLETED_KEYS = ("metric", "subject", "share_of")


class ClaimsServer(LanguageServer):
    """The project, found from the first claims file opened, and what the last check found."""

    def __init__(self) -> None:
        super().__init__("claimlint", __version__)
        self.config: Config | None = None
        self.result: Result | None = None
        self.published: set[str] = set()  # root-relative paths that were last sent diagnostics
        self._domain: Any = None

    # -- the project and its files

    def project_for(self, uri: str) -> Config | None:
        """The project of the file at ``uri``: found upwards from it the first time, then kept."""
        path = _path(uri)
        if path is None:
            return None
        if self.config is None:
            try:
                self.config = load_config(None, path.parent)
            except ConfigError as error:
                self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning, message=f"claimlint: {error}"))
                return None
        return self.config if _inside(path, self.config.root) else None

    def shown(self, uri: str) -> str | None:
        """The root-relative path of a claims file of the project at ``uri``; None for other files."""
        path = _path(uri)
        config = self.config
        if path is None or config is None or not _inside(path, config.claims_dir):
            return None
        if not path.name.endswith(CLAIMS_SUFFIXES):
            return None
        return relative(config.root, path)

    def uri_of(self, shown: str) -> str:
        assert self.config is not None
        return from_fs_path(str(self.config.root / shown)) or ""

    def text_of(self, shown: str) -> str | None:
        """A file's text as the editor has it, else as it is on disk."""
        document = self.workspace.text_documents.get(self.uri_of(shown))
        if document is not None:
            return str(document.source)
        assert self.config is not None
        try:
            return (self.config.root / shown).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def domain(self) -> Any:
        if self._domain is None:
            from ..domain.vocabulary import load_domain

            assert self.config is not None
            self._domain = load_domain(self.config.root, self.config.rules_dir, [])
        return self._domain

    # -- checking

    def check(self) -> None:
        """Check the base with the open claims files as typed; send each file's diagnostics."""
        config = self.config
        if config is None:
            return
        config.unsaved = {}
        for uri, document in self.workspace.text_documents.items():
            shown = self.shown(uri)
            if shown is not None:
                config.unsaved[shown] = document.source.encode("utf-8", "surrogatepass")
        try:
            self.result = run(config, Selection(config.select, config.ignore))
        except Exception as error:  # noqa: BLE001 - a bug must not take the editor's server down
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Error, message=f"claimlint: internal error: {type(error).__name__}: {error}"))
            return
        by_path: dict[str, list[Finding]] = {}
        for finding in self.result.findings:
            if not finding.resolved and finding.path:
                by_path.setdefault(finding.path, []).append(finding)
        open_files = set(config.unsaved)  # always told, so a clean file shows it is clean
        for shown in sorted((self.published | open_files) - set(by_path)):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=self.uri_of(shown), diagnostics=[]))
        read: dict[str, list[str]] = {}  # each file's lines, read once for this check

        def lines_of(shown: str) -> list[str]:
            if shown not in read:
                read[shown] = (self.text_of(shown) or "").split("\n")
            return read[shown]

        for shown, findings in sorted(by_path.items()):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=self.uri_of(shown), diagnostics=[self.diagnostic(f, lines_of) for f in findings]))
        self.published = set(by_path)

    def diagnostic(self, finding: Finding, lines_of: Callable[[str], list[str]]) -> types.Diagnostic:
        lines = lines_of(finding.path)
        where = finding.location
        line = max(0, where.line - 1)
        column = max(0, where.column - 1)
        text = lines[line] if line < len(lines) else ""
        end = _end_of_token(text, column, claims=finding.path.endswith(CLAIMS_SUFFIXES))
        related = None
        if finding.source_location is not None:
            other = finding.source_location
            other_lines = lines_of(other.path)
            place = types.Location(uri=self.uri_of(other.path),
                                   range=self.client_range(other_lines, other.line - 1, other.column - 1, other.column))
            what = "the other claim" if other.path.endswith(CLAIMS_SUFFIXES) else "the passage of the source"
            related = [types.DiagnosticRelatedInformation(location=place, message=what)]
        data = {"claim": finding.claim, "quote": finding.quote, "path": finding.path,
                "closest": finding.extra.get("closest"), "correction": finding.extra.get("correction")}
        return types.Diagnostic(
            range=self.client_range(lines, line, column, end),
            message=finding.message,
            severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Error),
            code=finding.code,
            source=SOURCE,
            related_information=related,
            data={key: value for key, value in data.items() if value is not None},
        )

    def client_range(self, lines: Sequence[str], line: int, start: int, end: int) -> types.Range:
        """A range on one line, from characters to the client's units (UTF-16 unless agreed otherwise)."""
        codec = self.workspace.position_codec
        text = lines[line] if 0 <= line < len(lines) else ""
        return types.Range(start=types.Position(line=line, character=codec.client_num_units(text[:start])),
                           end=types.Position(line=line, character=codec.client_num_units(text[:end])))

    def server_position(self, uri: str, position: types.Position) -> tuple[int, int]:
        document = self.workspace.get_text_document(uri)
        at = document.position_codec.position_from_client_units(document.lines, position)
        return at.line, at.character

    def text_edit(self, text: str, edit: Edit) -> types.TextEdit:
        lines = text.split("\n")
        codec = self.workspace.position_codec

        def position(at: tuple[int, int]) -> types.Position:
            line_text = lines[at[0]] if at[0] < len(lines) else ""
            return types.Position(line=at[0], character=codec.client_num_units(line_text[: at[1]]))

        return types.TextEdit(range=types.Range(start=position(edit.start), end=position(edit.end)), new_text=edit.text)

    # -- hover

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        shown = self.shown(uri)
        if shown is None or self.config is None:
            return None
        text = self.workspace.get_text_document(uri).source
        line, character = self.server_position(uri, position)
        span = claims_text.quote_at(text, line, character)
        if span is None:
            return None
        source = self.source_of(shown)
        if source is None:
            return types.Hover(_markdown("the claims file's source could not be read"))
        matches = source.find_quote(span.value)
        if matches:
            first = matches[0]
            where = f"**{claims_text.markdown_text(source.path)}**, line {first.line}, column {first.column}"
            if len(matches) > 1:
                where += f" (and {len(matches) - 1} more: " + ", ".join(f"line {m.line}" for m in matches[1:]) + ")"
            start, end = first.start, first.end
        else:
            closest = source.closest_passage(span.value)
            if closest is None:
                return types.Hover(_markdown(f"not found in **{claims_text.markdown_text(source.path)}**"))
            match = closest[0]
            where = (f"not found in **{claims_text.markdown_text(source.path)}**; the closest passage is at "
                     f"line {match.line}, column {match.column}")
            start, end = match.start, match.end
        before, quoted, after = claims_text.passage_around(source.text, start, end)
        shown_text = (f"{claims_text.markdown_text(before)}**{claims_text.markdown_text(quoted)}**"
                      f"{claims_text.markdown_text(after)}")
        return types.Hover(_markdown(f"{where}\n\n> {shown_text}"),
                           range=self.client_range(text.split("\n"), span.start[0], span.start[1],
                                                   span.end[1] if span.end[0] == span.start[0] else
                                                   len(text.split("\n")[span.start[0]])))

    def source_of(self, shown: str) -> Any:
        """The source a claims file cites, read as the check reads it."""
        assert self.config is not None
        base = ClaimsBase(self.config)
        base.domain = self.domain()
        return load_claims_file(base, self.config.root / shown).source

    # -- completion

    def complete(self, uri: str, position: types.Position) -> list[types.CompletionItem]:
        if self.shown(uri) is None:
            return []
        document = self.workspace.get_text_document(uri)
        line, character = self.server_position(uri, position)
        line_text = document.lines[line] if line < len(document.lines) else ""
        typing = claims_text.value_being_typed(line_text[:character].rstrip("\r\n"), _COMPLETED_KEYS)
        if typing is None:
            return []
        key, start = typing
        domain = self.domain()
        names: Iterable[tuple[str, str, str, list[str]]]
        if key == "metric":
            names = ((name, _metric_detail(definition), definition.description or "", definition.aliases)
                     for name, definition in sorted(domain.metrics.items()))
        else:
            names = ((name, _entity_detail(definition), "", definition.aliases)
                     for name, definition in sorted(domain.entities.items()))
        lines = document.lines
        typed_range = self.client_range(lines, line, start, character)
        return [types.CompletionItem(
            label=name, kind=types.CompletionItemKind.Value, detail=detail or None,
            documentation=documentation or None, filter_text=" ".join([name, *aliases]),
            text_edit=types.TextEdit(range=typed_range, new_text=claims_text.yaml_value(name)))
            for name, detail, documentation, aliases in names]

    # -- code actions

    def code_actions(self, uri: str, diagnostics: Sequence[types.Diagnostic]) -> list[types.CodeAction]:
        if self.config is None:
            return []
        path = _path(uri)
        if path is None or not _inside(path, self.config.root):
            return []
        shown = relative(self.config.root, path)
        actions = []
        for diagnostic in diagnostics:
            if diagnostic.source != SOURCE or not isinstance(diagnostic.code, str):
                continue
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            if diagnostic.code == "C101" and isinstance(data.get("closest"), str) and isinstance(data.get("claim"), str):
                action = self.replace_quote_action(shown, data["claim"], data["closest"], diagnostic)
                if action is not None:
                    actions.append(action)
            if diagnostic.code[0] not in "SR":
                action = self.resolution_action(shown, diagnostic.code, data, diagnostic)
                if action is not None:
                    actions.append(action)
        return actions

    def replace_quote_action(self, shown: str, claim: str, passage: str,
                             diagnostic: types.Diagnostic) -> types.CodeAction | None:
        text = self.text_of(shown)
        index = claims_text.claim_index(text, claim) if text is not None else None
        edit = claims_text.replace_quote(text, index, passage) if text is not None and index is not None else None
        if text is None or edit is None:
            return None
        return types.CodeAction(
            title=f"Quote the closest passage: {passage[:60]}{'…' if len(passage) > 60 else ''}",
            kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=True,
            edit=types.WorkspaceEdit(changes={self.uri_of(shown): [self.text_edit(text, edit)]}))

    def resolution_action(self, shown: str, code: str, data: dict[str, Any],
                          diagnostic: types.Diagnostic) -> types.CodeAction | None:
        claim, quote = data.get("claim"), data.get("quote")
        target = shown
        if not isinstance(claim, str):
            if not isinstance(quote, str):
                return None
            # a finding on a source: resolved in a claims file that cites it
            citing = [claims for claims, source in (self.result.cites if self.result else {}).items()
                      if source == shown]
            if shown.endswith(CLAIMS_SUFFIXES):
                citing = [shown]
            if not citing:
                return None
            target = citing[0]
        text = self.text_of(target)
        if text is None:
            return None
        entry = claims_text.resolution_skeleton(code, claim=claim if isinstance(claim, str) else None,
                                                quote=quote if isinstance(quote, str) else None,
                                                correction=data.get("correction"))
        edit = claims_text.add_resolution(text, entry)
        if edit is None:
            return None
        return types.CodeAction(
            title=f"Add a resolution of {code} (write its reason)", kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(changes={self.uri_of(target): [self.text_edit(text, edit)]}))


def _markdown(text: str) -> types.MarkupContent:
    return types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)


def _path(uri: str) -> Path | None:
    with contextlib.suppress(Exception):
        path = to_fs_path(uri)
        if path:
            return Path(path).absolute()
    return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return ".." not in path.parts


def _end_of_token(text: str, column: int, *, claims: bool) -> int:
    """Where a diagnostic's underline ends: a claims file's value to the end of its line (before a
    comment); a word of a source to the next space."""
    if column >= len(text):
        return column
    if claims:
        rest = text[column:]
        comment = rest.find(" #")
        return column + len((rest if comment < 0 else rest[:comment]).rstrip())
    end = column
    while end < len(text) and not text[end].isspace():
        end += 1
    return max(end, column + 1)


def _metric_detail(definition: Any) -> str:
    return ", ".join([*definition.dimensions, *definition.units])


def _entity_detail(definition: Any) -> str:
    parts = [definition.level or "", f"in {definition.within}" if definition.within else ""]
    return " ".join(part for part in parts if part)


def build_server() -> ClaimsServer:
    server = ClaimsServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ClaimsServer, params: types.DidOpenTextDocumentParams) -> None:
        if ls.project_for(params.text_document.uri) is not None and ls.shown(params.text_document.uri):
            ls.check()

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ClaimsServer, params: types.DidChangeTextDocumentParams) -> None:
        if ls.shown(params.text_document.uri):
            ls.check()

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ClaimsServer, params: types.DidSaveTextDocumentParams) -> None:
        if ls.config is not None:
            ls._domain = None  # a rules file may have been saved
            ls.check()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ClaimsServer, params: types.DidCloseTextDocumentParams) -> None:
        if ls.shown(params.text_document.uri):
            ls.check()  # the file on disk counts again

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ClaimsServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " "]))
    def completion(ls: ClaimsServer, params: types.CompletionParams) -> types.CompletionList:
        return types.CompletionList(is_incomplete=False, items=ls.complete(params.text_document.uri,
                                                                            params.position))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: ClaimsServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params.text_document.uri, params.context.diagnostics)

    return server


def command_lsp() -> int:
    build_server().start_io()
    return 0
