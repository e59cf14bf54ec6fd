"""claimlint: a consistency checker and linter for figures cited from industry news.

The package is a pipeline of stages, each a subpackage that imports only itself and the stages
before it (``tests/test_layout.py`` fails on any import up the list or in a circle):

1. ``reading``: files in, checked for form: the YAML loader, the claims model and loader, sources,
   raw text files, the configuration, and ``Finding``, the record every later stage produces.
2. ``domain``: the vocabulary of ``rules/``: units (pint behind a cache), metrics, entities, tense
   and date words, periods.
3. ``figures``: numbers in text: the figure reader, value intervals, the measures the checks
   compare, sentences and clauses of a text, and a text's figures read as claims.
4. ``checks``: the rules, one module per family, their base classes and the registry.
5. ``engine``: runs the rules over a base: files in parallel, base-wide checks, resolutions, the
   results store of the cache folder.
6. ``reports``: findings written out: text, JSON, SARIF, GitHub annotations, the errata report.
7. ``cli``: the ``claimlint`` command and its subcommands.

Below every stage: ``atomic`` (writing a file whole or not at all) and ``cachefolder`` (the cache
folder's entries).
"""

__version__ = "0.1.0"
