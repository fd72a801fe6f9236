"""Exercise-guide static site generator: content files in, a static site out."""

__version__ = "0.1.0"
