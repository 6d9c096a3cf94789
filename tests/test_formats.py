"""Machine output: CSV rows equal the cell-by-cell rows."""

from __future__ import annotations

import csv
import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from summits import formats

CELLS = st.one_of(st.none(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=3))


@settings(max_examples=200, deadline=None)
@given(records=st.lists(st.dictionaries(st.sampled_from("abcd"), CELLS), max_size=6))
def test_the_fast_csv_rows_are_the_cell_by_cell_rows(records: list[dict[str, Any]]) -> None:
    columns = ("a", "b", "c", "d")
    expected = [[formats.cell(record.get(c)) for c in columns] for record in records]
    out = io.StringIO()
    formats.write(formats.Sheet(columns, records), "csv", out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [list(columns), *expected]
