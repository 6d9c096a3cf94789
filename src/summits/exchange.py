"""Data exchange: the tables as rows with the contract's columns, for export and import."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from summits import models

if TYPE_CHECKING:
    from summits.store import Database

COLUMNS: dict[str, tuple[str, ...]] = {
    "events": (
        "id",
        "summit",
        "summit_name",
        "series",
        "party",
        "party_name",
        "kind",
        "date",
        "by",
        "level",
        "reason",
        "sources",
        "notes",
        "tags",
        "recorded",
    ),
    "summits": models.FIELDS["summits"],
    "invitations": ("summit", "party", "party_name", "role", "date", "sources"),
    "parties": models.FIELDS["parties"],
}


def rows(db: Database, table: str, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records with their derived columns (summit_name, series, party_name) filled in."""
    if table == "events":
        summits = {doc["id"]: doc for doc in db.rows("summits")}
        names = db.party_names
        out = []
        for doc in records:
            summit = summits.get(doc["summit"], {})
            out.append(
                {
                    **doc,
                    "summit_name": summit.get("name", ""),
                    "series": summit.get("series", ""),
                    "party_name": names.get(doc["party"], ""),
                }
            )
        return out
    if table == "invitations":
        return [{**doc, "party_name": db.party_name(doc["party"])} for doc in records]
    return list(records)
