"""Domain: the knowledge of ``rules/``. Takes the rules folder (``units.yaml``, ``metrics.yaml``,
``entities.yaml``, ``language.yaml``) and gives a ``Domain``: a unit registry (pint, answered from a
cache or the shipped ``units_answers.json``), metrics with dimensions, tolerances and plausible ranges,
places and what lies within what, tense and date words, Chinese counting units; also periods
(``2023``, ``2023-H1``) and the time words of a text. Imports only ``reading``.
"""
