"""Comparing a platform model (pydantic) with the console's copy of it (a dataclass).

`field_drift(server, console)` walks both models and their nested models together and
lists every difference a reader would call drift: a field the console lacks (missing),
one it has that the platform does not send (extra), and so a renamed field shows as
one of each. Nested models are paired by field name, so `PostDetail.replies[].officer`
is compared with the console's `PostDetail.replies[].officer`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from pydantic import BaseModel


def _inner(tp: Any) -> Any:
    """The model inside Optional[...], list[...], tuple[..., ...], dict[str, ...]."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _inner(inner[0]) if len(inner) == 1 else tp
    if origin in (list, tuple, dict):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return _inner(args[-1]) if args else tp
    return tp


def _is_server_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_console_model(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def server_fields(model: type[BaseModel]) -> dict[str, Any]:
    return {name: _inner(f.annotation) for name, f in model.model_fields.items()}


def console_fields(model: type) -> dict[str, Any]:
    hints = typing.get_type_hints(model)
    return {f.name: _inner(hints[f.name]) for f in dataclasses.fields(model)}


def field_drift(server: type[BaseModel], console: type, path: str = "") -> list[str]:
    """Every difference between the two models' fields, recursively; [] when they agree."""
    where = path or console.__name__
    theirs, ours = server_fields(server), console_fields(console)
    problems = [
        f"{where}.{n}: sent by the platform, unknown to the console"
        for n in theirs
        if n not in ours
    ]
    problems += [
        f"{where}.{n}: the console expects it, the platform never sends it"
        for n in ours
        if n not in theirs
    ]
    for name in theirs.keys() & ours.keys():
        s, c = theirs[name], ours[name]
        if _is_server_model(s) != _is_console_model(c):
            problems.append(f"{where}.{name}: an object on one side, a plain value on the other")
        elif _is_server_model(s):
            problems += field_drift(s, c, f"{where}.{name}")
    return sorted(problems)
