"""A Streamlit client without a browser: it speaks the app's own websocket protocol.

``benchmarks/load_ws.py`` drives many of these at once, and ``tests/ui/test_ws_client.py``
signs one in against a started app. Streamlit (1.67) exchanges protobuf messages over the
websocket ``/_stcore/stream``: the client sends a ``BackMsg`` ``rerun_script`` with a
``ClientState`` (the page, by its script hash; the widgets' values), and the server answers
with ``ForwardMsg``\\ s (``new_session``, ``navigation``, the elements as ``delta``\\ s) and
ends every script run with ``script_finished``. A run that ``st.rerun()`` cuts short ends with
``FINISHED_EARLY_FOR_RERUN`` and the next run follows by itself.

No rendering, no JavaScript: what it costs the machine is a few protobuf parses per message,
so nearly all the CPU a load test uses is the server's.

Only Streamlit's protobuf classes and ``websockets`` are imported (no planwatch, no sibling
modules), so that this file can be imported as ``benchmarks.ws_client`` and from a script.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any, Final

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RERUN_FINISHED: Final = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


class ProtocolError(RuntimeError):
    """The server did not answer as the app does (no page, no sign-in form, a lost socket)."""


@dataclass(slots=True)
class RunResult:
    """One script run as the client saw it, from sending the rerun until the last
    ``script_finished`` (after any ``st.rerun()``)."""

    seconds: float
    headings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # st.exception and st.error texts
    elements: int = 0
    bytes_received: int = 0
    runs: int = 0  # script runs in this visit (2 when the script called st.rerun())


@dataclass(slots=True)
class Widget:
    id: str
    label: str
    kind: str  # "text_input", "button"
    form_id: str = ""
    is_form_submitter: bool = False


class StreamlitClient:
    """One browser tab's worth of Streamlit session, driven by hand.

    Use as ``async with StreamlitClient(url) as client:`` and then ``await client.open()``,
    ``await client.sign_in(name, password)``, ``await client.open_page("Indikatorer")``.
    """

    def __init__(self, url: str, *, timeout_s: float = 300.0, path: str = "") -> None:
        self.url = url.rstrip("/")
        self.path = path  # the address's path, as a browser opening url/path sends it
        self.timeout_s = timeout_s
        self.pages: dict[str, str] = {}  # page title -> script hash (st.navigation's pages)
        self.page_paths: dict[str, str] = {}  # url path -> script hash
        self.current_page = ""
        self.widgets: dict[str, Widget] = {}  # by label, from the latest run
        self.cookies: dict[str, str] = {}
        self._socket: Any = None

    async def __aenter__(self) -> StreamlitClient:
        address = "ws" + self.url.removeprefix("http") + "/_stcore/stream"
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        self._socket = await websockets.connect(
            address,
            subprotocols=[websockets.Subprotocol("streamlit")],
            additional_headers=headers if self.cookies else None,
            max_size=None,
            open_timeout=self.timeout_s,
            ping_interval=None,  # as the browser: no pings; heartbeats are not needed here
        )
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._socket is not None:
            await self._socket.close()
            self._socket = None

    # ---- the visits ------------------------------------------------------------------------

    async def open(self) -> RunResult:
        """The first run, as when the browser opens the address."""
        return await self.rerun(page_name=self.path)

    async def open_page(self, title: str) -> RunResult:
        """Click the navigation link to the page with this title."""
        if title not in self.pages:
            raise ProtocolError(f"no page {title!r} in the navigation: {sorted(self.pages)}")
        return await self.rerun(page_script_hash=self.pages[title])

    async def sign_in(
        self,
        name: str,
        password: str,
        *,
        name_label: str = "Brugernavn",
        password_label: str = "Adgangskode",  # noqa: S107 - a label
        button_label: str = "Log ind",
    ) -> RunResult:
        """Fill in the sign-in form seen in the latest run and press its button."""
        try:
            name_box = self.widgets[name_label]
            password_box = self.widgets[password_label]
            button = self.widgets[button_label]
        except KeyError as missing:
            raise ProtocolError(
                f"no sign-in form (missing {missing}); widgets: {sorted(self.widgets)}"
            ) from None
        message = self._rerun_message(page_script_hash=self.current_page)
        states = message.rerun_script.widget_states.widgets
        for box, value in ((name_box, name), (password_box, password)):
            state = states.add()
            state.id = box.id
            state.string_value = value
        trigger = states.add()
        trigger.id = button.id
        trigger.trigger_value = True
        return await self._run(message)

    async def rerun(self, *, page_script_hash: str = "", page_name: str = "") -> RunResult:
        return await self._run(
            self._rerun_message(page_script_hash=page_script_hash, page_name=page_name)
        )

    # ---- the protocol ----------------------------------------------------------------------

    def _rerun_message(self, *, page_script_hash: str = "", page_name: str = "") -> BackMsg:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = ""
        state.page_script_hash = page_script_hash
        state.page_name = page_name
        state.widget_states.SetInParent()
        return message

    async def _run(self, message: BackMsg) -> RunResult:
        if self._socket is None:
            raise ProtocolError("not connected")
        begin = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        result = RunResult(seconds=0.0)
        self.widgets = {}
        try:
            async with asyncio.timeout(self.timeout_s):
                while True:
                    data = await self._socket.recv()
                    if isinstance(data, str):
                        raise ProtocolError(f"a text frame from the server: {data[:200]!r}")
                    result.bytes_received += len(data)
                    forward = ForwardMsg()
                    forward.ParseFromString(data)
                    if self._take(forward, result):
                        break
        except TimeoutError:
            raise ProtocolError(f"no script_finished within {self.timeout_s:.0f} s") from None
        except websockets.ConnectionClosed as closed:
            raise ProtocolError(f"the server closed the websocket: {closed}") from None
        result.seconds = time.perf_counter() - begin
        return result

    def _take(self, forward: ForwardMsg, result: RunResult) -> bool:
        """Note what the message says; True when the visit is over."""
        kind = forward.WhichOneof("type")
        if kind == "delta":
            if forward.delta.WhichOneof("type") == "new_element":
                self._element(forward.delta.new_element, result)
        elif kind == "new_session":
            self._take_pages(forward.new_session.app_pages, forward.new_session.page_script_hash)
        elif kind == "navigation":
            self._take_pages(forward.navigation.app_pages, forward.navigation.page_script_hash)
        elif kind == "page_not_found":
            result.errors.append(f"page not found: {forward.page_not_found.page_name!r}")
        elif kind == "script_finished":
            result.runs += 1
            return forward.script_finished != RERUN_FINISHED
        return False

    def _take_pages(self, pages: Any, current: str) -> None:
        if pages:
            self.pages = {page.page_name: page.page_script_hash for page in pages}
            self.page_paths = {page.url_pathname: page.page_script_hash for page in pages}
        if current:
            self.current_page = current

    def _element(self, element: Any, result: RunResult) -> None:
        result.elements += 1
        kind = element.WhichOneof("type")
        if kind == "exception":
            result.errors.append(
                f"exception: {element.exception.type}: {element.exception.message[:300]}"
            )
        elif kind == "alert" and element.alert.format == Alert.Format.ERROR:
            result.errors.append(f"error: {element.alert.body[:300]}")
        elif kind == "heading":
            result.headings.append(element.heading.body)
        elif kind == "text_input":
            box = element.text_input
            self.widgets[box.label] = Widget(box.id, box.label, kind, box.form_id)
        elif kind == "button":
            button = element.button
            self.widgets[button.label] = Widget(
                button.id, button.label, kind, button.form_id, button.is_form_submitter
            )
