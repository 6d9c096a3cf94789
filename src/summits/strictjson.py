"""What orjson lets through and summits refuses: duplicate keys and needless nesting.

orjson keeps the last of two equal keys without a word, so a file could say
one thing to summits and another to the next tool; and it parses nesting a
thousand deep that later ends in a RecursionError. Neither ever belongs in a
file summits reads. Both checks run on what orjson parsed, at C speed:

- **Nesting**: orjson re-serialises the data indented by two spaces a level,
  and no JSON string holds a raw newline, so a line indented more than the
  format's depth allows is a container nested too deep.
- **Duplicate keys**: every key in the text is followed by a colon outside
  any string, so the colons in the text are its keys plus the colons inside
  its strings. Re-serialised, the parsed data has the same strings but one
  key fewer for every duplicate dropped (and, with it, perhaps a value and
  its colons), so equal colon counts mean no key was dropped. A colon
  written as an escape (``\\u003a``) would spoil the count; a text with one
  is scanned exactly instead, with the json module.
"""

from __future__ import annotations

from typing import Any

import orjson


class Refused(ValueError):
    """The text's structure is not one summits accepts; the message says why."""


def check(text: bytes | str, data: Any, depth: int) -> None:
    """Refuse ``text`` (which orjson parsed into ``data``) for nesting or duplicate keys.

    ``depth`` counts containers: ``[{"sources": []}]`` is 3 deep.
    """
    if _may_repeat_keys(text, _reserialised(data, depth)):
        key = _duplicate_key(text)
        if key is not None:
            shown = key if len(key) <= 40 else key[:40] + "…"
            raise Refused(f"the key {shown!r} appears twice in one object")


def suspect(text: bytes | str, data: Any, depth: int) -> bool:
    """Whether ``check`` might refuse: its C-speed part, without the exact scan."""
    try:
        return _may_repeat_keys(text, _reserialised(data, depth))
    except Refused:
        return True


def _reserialised(data: Any, depth: int) -> bytes:
    """``data`` as indented JSON; refuse a line indented deeper than ``depth`` allows."""
    try:
        again = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # orjson's own limit of 255 levels
        raise Refused(_too_deep(depth)) from None
    if b"\n" + b"  " * (depth + 1) in again:
        raise Refused(_too_deep(depth))
    return again


def _may_repeat_keys(text: bytes | str, again: bytes) -> bool:
    if isinstance(text, bytes):
        colons, escaped = text.count(b":"), b"\\u003" in text
    else:
        colons, escaped = text.count(":"), "\\u003" in text
    return escaped or colons != again.count(b":")


def _too_deep(depth: int) -> str:
    return f"it nests containers deeper than the {depth} levels its format has"


def _duplicate_key(text: bytes | str) -> str | None:
    """The first key found twice in one object, by an exact (and slower) parse."""
    import json

    found: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> None:
        if not found:
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    found.append(key)
                    break
                seen.add(key)

    json.loads(text, object_pairs_hook=pairs)
    return found[0] if found else None
