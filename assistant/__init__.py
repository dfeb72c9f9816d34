"""OKR assistant: critique, draft and evaluate Objectives and Key Results.

The library is the product; the CLI and the HTTP API are thin shells over it. The critique
core (``model``, ``parse``, ``rubric``, ``report``) depends on the standard library alone so
``okr critique`` starts in tens of milliseconds.
"""

__version__ = "0.1.0"
