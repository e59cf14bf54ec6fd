"""Reading: files in, checked for form. Takes the paths of a project (``pyproject.toml``, claims files,
cited sources, raw text files) and gives a ``ClaimsBase`` of validated claims with their sources,
text files with their publication date, the ``Config``, and findings for whatever could not be read
(malformed YAML, wrong types, missing or unsafe files), each with file, line and column. Knows nothing
of units or figures; ``Finding`` and ``Location``, the records every later stage produces, live here.
"""
