"""Duty Console (值班台): the desktop workstation of a city's online police platform."""

__version__ = "0.1.0"
