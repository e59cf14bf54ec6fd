"""claimlint: a consistency checker and linter for figures cited from industry news."""

__version__ = "0.1.0"
