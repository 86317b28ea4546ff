"""Shared test helpers: the real platform on loopback, media files, clocks and fakes.

One definition of each; test modules import from here instead of copying.
"""
