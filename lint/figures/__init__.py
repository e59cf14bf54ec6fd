"""Figures: numbers in text. Takes text and the domain and gives ``Figure`` readings (value, unit,
qualifier, span), the interval a figure or a claim stands for, the ``Measure`` records the base-wide
checks compare, a ``TextDocument`` (sentences, clauses, time words) for the text rules, and the
figures of a raw text read as claims (subject, metric, period, kind). Imports ``reading`` and
``domain``.
"""
