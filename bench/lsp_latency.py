"""How long the language server takes from an edit to its diagnostics.

    python bench/lsp_latency.py [--root DIR] [--file CLAIMS_FILE] [--edits N]

Starts `claimlint lsp` (a real server process, over stdio), opens one claims
file of the project (default: this repository's first claims file), and then
sends N edits that are never saved: each one changes the first claim's value,
so that it contradicts the claims of other files, or changes it back. The time
from sending an edit to the arrival of that file's diagnostics is measured
each time; the script prints the median, the 90th percentile and the worst,
and the codes of the diagnostics after an edit. The files on disk are not
touched.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parent.parent


async def measure(root: Path, claims_file: Path, edits: int) -> list[float]:
    client = LanguageClient("lsp-latency", "1")
    arrived: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _diagnostics(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait(params)

    await client.start_io(sys.executable, "-m", "claimlint", "lsp", cwd=str(root))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=root.as_uri()))
    client.initialized(types.InitializedParams())
    uri = claims_file.as_uri()
    text = claims_file.read_text(encoding="utf-8")
    match = re.search(r"^(\s*value: )(\d+(?:\.\d+)?)\s*$", text, re.MULTILINE)
    if match is None:
        raise SystemExit(f"{claims_file}: no plain `value:` line to edit")
    edited = text[: match.start(2)] + str(float(match.group(2)) * 7 + 1) + text[match.end(2):]

    async def diagnostics_of(wanted: str) -> types.PublishDiagnosticsParams:
        while True:
            params = await asyncio.wait_for(arrived.get(), 60)
            if params.uri == wanted:
                return params

    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await diagnostics_of(uri)
    times = []
    last: types.PublishDiagnosticsParams | None = None
    for version in range(2, edits + 2):
        body = edited if version % 2 == 0 else text
        while not arrived.empty():
            arrived.get_nowait()
        started = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=body)]))
        last = await diagnostics_of(uri)
        times.append(time.perf_counter() - started)
        if version % 2 == 0:
            codes = sorted({str(d.code) for d in last.diagnostics})
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print(f"edited file: {claims_file.relative_to(root)}; diagnostics after an edit: {', '.join(codes)}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO)
    parser.add_argument("--file", type=Path, help="the claims file to edit (default: the first in claims/)")
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    root = args.root.resolve()
    claims_file = (args.file or min((root / "claims").glob("*.yaml"))).resolve()
    times = sorted(asyncio.run(measure(root, claims_file, args.edits)))
    ninetieth = times[min(len(times) - 1, int(len(times) * 0.9))]
    print(f"{len(times)} edits: median {statistics.median(times) * 1000:.0f} ms, "
          f"90th percentile {ninetieth * 1000:.0f} ms, worst {times[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
