"""Circulation Desk: the desktop application of a library's circulation counter."""

__version__ = "0.1.0"
