"""summits: a command-line tracker of who comes to diplomatic summits."""

__version__ = "0.1.0"
