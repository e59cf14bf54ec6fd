"""Reports: findings written out. Takes findings (and, for the errata, the engine's result) and gives
text for a terminal, JSON, SARIF 2.1.0, GitHub annotations, and the errata report in Markdown, HTML
and JSON. Imports the stages before it; nothing imports it but ``cli``.
"""
