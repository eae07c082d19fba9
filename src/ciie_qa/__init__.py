"""ciie-qa: extractive, cited question answering over news articles (Chinese and English)."""

__version__ = "0.1.0"
