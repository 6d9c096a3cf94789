"""Machine output: CSV rows equal the cell-by-cell rows, escaped cell by cell."""

from __future__ import annotations

import csv
import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from summits import formats

# Text that often starts like a formula, or like an escaped one, next to any text at all.
RISKY_TEXT = st.text(alphabet="'=+-@\t\r\n,\"a ", max_size=5)
TEXTS = st.one_of(st.text(max_size=5), RISKY_TEXT)
CELLS = st.one_of(st.none(), TEXTS, st.lists(TEXTS, max_size=3))


@settings(max_examples=200, deadline=None)
@given(records=st.lists(st.dictionaries(st.sampled_from("abcd"), CELLS), max_size=6))
def test_the_fast_csv_rows_are_the_cell_by_cell_rows(records: list[dict[str, Any]]) -> None:
    columns = ("a", "b", "c", "d")
    expected = [
        [formats.escape_cell(formats.cell(record.get(c))) for c in columns] for record in records
    ]
    out = io.StringIO()
    formats.write(formats.Sheet(columns, records), "csv", out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [list(columns), *expected]
