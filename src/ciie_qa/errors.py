"""The error hierarchy: every message says what went wrong and what to do about it.

CiieQaError                 base; never raised itself
├── UserInputError          input the user can correct (CLI exit 2, HTTP 4xx)
│   └── UnknownDocumentError  a document id not in the corpus (HTTP 404)
├── CorpusError             an article file that cannot be read or lacks metadata (exit 2)
├── ConfigError             a setting with an invalid value (exit 2)
├── IndexUnusableError      the index is missing, stale or damaged and was not rebuilt (exit 2)
└── ModelError              the embedding model cannot be loaded offline (exit 1)
"""

from __future__ import annotations


class CiieQaError(Exception):
    """Base of all expected failures; ``str(err)`` is one line fit to show a user."""


class UserInputError(CiieQaError):
    """Input the user can correct: empty question, bad top_k, malformed request line."""


class CorpusError(CiieQaError):
    """An article file is unreadable, empty or missing metadata; the message names the file."""


class ConfigError(CiieQaError):
    """A setting has a value that cannot work; the message names the setting."""


class IndexUnusableError(CiieQaError):
    """The index on disk is missing, stale or damaged and was not (or could not be) rebuilt."""


class ModelError(CiieQaError):
    """The embedding model could not be loaded from local files."""


class UnknownDocumentError(UserInputError):
    """A document id that is not in the corpus (HTTP 404)."""
