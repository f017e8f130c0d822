"""`planwatch import` of a file over the size limit (issue 17): refused after reading at most
the limit and one byte more, naming the file's real size, and storing nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planwatch.cli import main
from planwatch.storage import Store

MIB = 1024 * 1024


def test_a_file_over_the_limit_is_refused_after_reading_at_most_the_limit(
    users_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload = tmp_path / "stor.csv"
    line = "Vurderede ofre for menneskehandel;2023;1;24;;;;\r\n"
    body = "Indikator;År;Kvartal;Værdi;Køn;Aldersgruppe;Udnyttelsesform;Bemærkning\r\n"
    body += line * (3 * MIB // len(line))
    upload.write_bytes(body.encode("cp1252"))
    size = upload.stat().st_size
    read: list[int] = []
    real_open = Path.open

    def counting_open(path: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(path, mode, *args, **kwargs)
        if path != upload:
            return handle
        assert "b" in mode
        real_read = handle.read

        def counting_read(amount: int = -1) -> bytes:
            chunk: bytes = real_read(amount)
            read.append(len(chunk))
            return chunk

        handle.read = counting_read
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    monkeypatch.setattr(Path, "read_bytes", lambda path: counting_open(path, "rb").read())
    monkeypatch.setenv("PLANWATCH_MAX_UPLOAD_MB", "1")
    db = str(users_store.path)
    result = CliRunner().invoke(
        main,
        ["--json", "import", str(upload), "--kind", "kpi", "--user", "uploader1", "--db", db],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["status"] == "refused"
    assert [p["code"] for p in report["problems"]] == ["file-too-large"]
    assert report["size_bytes"] == size
    assert "3" in report["problems"][0]["message_en"]  # the size is the file's, not what was read
    assert 0 < sum(read) <= MIB + 1
