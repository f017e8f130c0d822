"""What a page offers for download, for tests that open the files a user would get."""

from __future__ import annotations

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest, app_test


class KeptDownloads:
    """The files an AppTest run offers for download (``st.download_button``), kept after the
    run: AppTest gives each run a fresh in-memory store that is dropped once the run ends."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.stores: list[MemoryMediaFileStorage] = []
        stores = self.stores

        class Kept(MemoryMediaFileStorage):
            def __init__(self, media_endpoint: str) -> None:
                super().__init__(media_endpoint)
                stores.append(self)

        monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Kept)

    def offered(self, app: AppTest) -> dict[str, tuple[str, bytes]]:
        """Each download button of the last run: label -> (file name, bytes)."""
        files = {}
        for button in app.get("download_button"):
            stored = self.stores[-1].get_file(button.proto.url.rsplit("/", 1)[-1])
            assert stored.filename is not None
            files[button.proto.label] = (stored.filename, stored.content)
        return files
