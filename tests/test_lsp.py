"""The language server end to end: a real LSP client talks to ``claimlint lsp`` over stdio.

The project is one written here: two sources that both give Baotou's polysilicon capacity in 2023 as
335,000 tons, a claims file for each, and a target for 2025.
"""

from __future__ import annotations

import asyncio
import sys
import textwrap
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SOURCE_A = "Baotou Daily, 2024-03-01.\n\nIn 2023 Baotou had a polysilicon production capacity of 335,000 tons, the city said.\n"
SOURCE_B = ("Industry weekly, 2024-04-02.\n\nBaotou reached a polysilicon production capacity of 335,000 tons in "
            "2023, and a capacity of 500,000 tons is planned for 2025.\n")
CLAIMS_A = textwrap.dedent("""\
    source:
      path: seeds/a.txt
    claims:
      - id: baotou-polysilicon-capacity-2023
        subject: Baotou
        metric: polysilicon production capacity
        value: 335000
        unit: t
        period: 2023
        quote: "a polysilicon production capacity of 335,000 tons"
    """)
CLAIMS_B = textwrap.dedent("""\
    source:
      path: seeds/b.txt
    claims:
      - id: baotou-polysilicon-capacity-2023-weekly
        subject: Baotou
        metric: polysilicon production capacity
        value: 335000
        unit: t
        period: 2023
        quote: "a polysilicon production capacity of 335,000 tons in 2023"
      - id: baotou-polysilicon-capacity-2025-target
        subject: Baotou
        metric: polysilicon production capacity
        value: 500000
        unit: t
        period: 2025
        kind: target
        quote: "a capacity of 500,000 tons is planned for 2025"
    """)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.claimlint]\nclaims = "claims"\nseeds = "seeds"\n')
    (tmp_path / "seeds").mkdir()
    (tmp_path / "claims").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(SOURCE_A)
    (tmp_path / "seeds" / "b.txt").write_text(SOURCE_B)
    (tmp_path / "claims" / "a.yaml").write_text(CLAIMS_A)
    (tmp_path / "claims" / "b.yaml").write_text(CLAIMS_B)
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "claimlint", "lsp"]))
async def client(lsp_client: LanguageClient, project: Path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=project.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=project.as_uri(), name="project")]))
    yield
    await lsp_client.shutdown_session()


def _uri(project: Path, name: str) -> str:
    return (project / name).as_uri()


async def _open(client: LanguageClient, project: Path, name: str) -> str:
    uri = _uri(project, name)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=(project / name).read_text())))
    await _diagnostics_settled(client)
    return uri


async def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangeWholeDocument(text=text)]))
    await _diagnostics_settled(client)


async def _diagnostics_settled(client: LanguageClient) -> None:
    """One check publishes to several files: wait for the first, then for the rest of its batch."""
    await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    await asyncio.sleep(0.3)


def _codes(client: LanguageClient, uri: str) -> list[str]:
    return sorted(str(d.code) for d in client.diagnostics.get(uri, []))


@pytest.mark.asyncio
async def test_an_unsaved_edit_that_contradicts_another_files_claim_shows_x101(client: LanguageClient,
                                                                              project: Path) -> None:
    uri_b = await _open(client, project, "claims/b.yaml")
    assert _codes(client, uri_b) == []
    edited = CLAIMS_B.replace("value: 335000", "value: 353000")
    await _change(client, uri_b, 2, edited)
    assert "X101" in _codes(client, uri_b)
    x101 = next(d for d in client.diagnostics[uri_b] if d.code == "X101")
    assert "claims/a.yaml" in x101.message
    assert x101.range.start == types.Position(line=6, character=11)  # the value 353000, as typed (line 7, column 12)
    (other,) = x101.related_information
    assert other.location.uri == _uri(project, "claims/a.yaml") and other.location.range.start.line == 6
    # the edit is not saved: the file on disk still says 335000, and `claimlint check` is clean
    assert "value: 335000" in (project / "claims" / "b.yaml").read_text()
    # typing the value back clears the diagnostics
    await _change(client, uri_b, 3, CLAIMS_B)
    assert _codes(client, uri_b) == []


@pytest.mark.asyncio
async def test_hover_on_a_quote_shows_the_source_passage_and_its_line(client: LanguageClient,
                                                                      project: Path) -> None:
    uri_b = await _open(client, project, "claims/b.yaml")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri_b), position=types.Position(line=9, character=20)))  # inside the first quote
    assert hover is not None
    text = hover.contents.value
    assert "seeds/b.txt" in text and "line 3, column 16" in text
    assert "**a polysilicon production capacity of 335,000 tons in 2023**" in text
    assert "Baotou reached " in text and ", and a capacity of 500,000 tons" in text  # the passage around it
    outside = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri_b), position=types.Position(line=4, character=8)))  # on subject:
    assert outside is None


@pytest.mark.asyncio
async def test_completion_of_metric_and_subject_from_the_vocabulary(client: LanguageClient,
                                                                   project: Path) -> None:
    uri_a = await _open(client, project, "claims/a.yaml")
    typed = CLAIMS_A.replace("    metric: polysilicon production capacity\n", "    metric: poly\n")
    await _change(client, uri_a, 2, typed)
    metric = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri_a), position=types.Position(line=5, character=16)))
    labels = {item.label for item in metric.items}
    assert "polysilicon production capacity" in labels and "polysilicon output" in labels
    item = next(i for i in metric.items if i.label == "polysilicon production capacity")
    assert item.text_edit.range == types.Range(start=types.Position(line=5, character=12), end=types.Position(line=5, character=16))  # replaces "poly"
    subject = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri_a), position=types.Position(line=4, character=13)))
    assert {"Baotou", "Inner Mongolia", "China"} <= {item.label for item in subject.items}
    elsewhere = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri_a), position=types.Position(line=7, character=10)))  # after unit:
    assert not elsewhere.items


@pytest.mark.asyncio
async def test_the_c101_action_quotes_the_closest_passage_and_the_diagnostic_goes(client: LanguageClient,
                                                                                project: Path) -> None:
    uri_a = await _open(client, project, "claims/a.yaml")
    broken = CLAIMS_A.replace("production capacity of 335,000 tons", "production capacity of 335,000 tonnes")
    await _change(client, uri_a, 2, broken)
    edit = await _action_edit(client, uri_a, "C101", "Quote the closest passage")
    lines = broken.split("\n")
    assert edit.range.start == types.Position(line=9, character=11)
    assert edit.range.end == types.Position(line=9, character=len(lines[9]))
    assert edit.new_text == '"a polysilicon production capacity of 335,000 tons"'
    fixed = _applied(broken, edit)
    assert fixed == CLAIMS_A
    await _change(client, uri_a, 3, fixed)
    assert "C101" not in _codes(client, uri_a)


@pytest.mark.asyncio
async def test_a_resolution_skeleton_for_a_finding(client: LanguageClient, project: Path) -> None:
    uri_b = await _open(client, project, "claims/b.yaml")
    edited = CLAIMS_B.replace("value: 335000", "value: 353000")
    await _change(client, uri_b, 2, edited)
    edit = await _action_edit(client, uri_b, "X101", "Add a resolution of X101")
    written = _applied(edited, edit)
    assert written.startswith(edited)
    assert written[len(edited):] == (
        "resolutions:\n"
        "  - code: X101\n"
        "    claim: baotou-polysilicon-capacity-2023-weekly\n"
        "    verdict: source-error  # source-error | false-positive | accepted\n"
        '    correction: ""  # what the source should say (source-error)\n'
        '    reason: ""  # one sentence: why\n')
    # the skeleton resolves nothing until its reason is written: R102 says so, and X101 stays
    await _change(client, uri_b, 3, written)
    assert {"X101", "R102"} <= set(_codes(client, uri_b))
    r102 = next(d for d in client.diagnostics[uri_b] if d.code == "R102")
    assert r102.range.start.line == edited.count("\n") + 1  # the entry, below the new "resolutions:" line


async def _action_edit(client: LanguageClient, uri: str, code: str, title: str) -> types.TextEdit:
    """The one edit of the code action whose title starts with ``title``, offered on the file's ``code``."""
    diagnostic = next(d for d in client.diagnostics[uri] if d.code == code)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    action = next(a for a in actions if a.title.startswith(title))
    (edit,) = action.edit.changes[uri]
    return edit


def _applied(text: str, edit: types.TextEdit) -> str:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    start = offsets[edit.range.start.line] + edit.range.start.character
    end = offsets[edit.range.end.line] + edit.range.end.character
    return text[:start] + edit.new_text + text[end:]
