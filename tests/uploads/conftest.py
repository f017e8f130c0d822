"""Fixtures of the upload tests: workbooks built once per module."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("tests.uploads.reading")

from tests.uploads.reading import (  # noqa: E402 - after the rewrite is registered
    MAIN_NS,
    build_two_sheets,
    with_extra_parts,
    workbook_bytes,
)


@pytest.fixture(scope="module")
def two_sheets() -> bytes:
    return workbook_bytes(build_two_sheets)


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """An xlsx whose sheet XML is 50 MB of one repeated byte: about 50 kB once compressed."""
    sheet = f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
    sheet += b" " * 50_000_000 + b"</sheetData></worksheet>"
    return with_extra_parts(
        workbook_bytes(lambda workbook: None), {"xl/worksheets/sheet1.xml": sheet}
    )
