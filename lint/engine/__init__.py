"""Engine: runs the checks over a claims base. Takes a ``Config`` and a selection of rules and gives a
``Result``: every finding, resolved or not. The file stage checks each claims file and its source
(in worker processes on large bases), the base stage runs the cross-file rules over the facts the
files gave, resolutions are applied, and the results store keeps each file's result in the cache
folder so a re-check reads only what changed. Imports everything before it, never ``reports`` or
``cli``.
"""
