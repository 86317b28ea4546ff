"""Reference implementation of the city police platform API v1 (see API.md)."""

__version__ = "0.1.0"
