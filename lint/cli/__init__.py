"""The command line: ``claimlint check | scan | draft | errata | schema | rules | rule | lsp``. Parses the
arguments, runs the stages below and sets the exit code (0 clean, 1 findings, 2 usage or input error).
The console script is ``claimlint.cli.main:entry``; ``lsp`` is the language server (``cli.lsp``).
"""
