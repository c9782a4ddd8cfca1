"""A TCP proxy the test controls, between the app and PostgreSQL: forward, stall, or refuse.

stall(): connections stay open and new ones are accepted, but no byte passes either way (a
network that hangs, not one that fails). refuse(): new connections are refused and open ones
cut. resume(): bytes flow again, including what waited. The shared server is never touched.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))  # a port the OS chooses
        self.port = self._listener.getsockname()[1]
        self._flowing = threading.Event()
        self._flowing.set()
        self._refusing = False
        self._listening = False
        self._closed = False
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    # --- control ---------------------------------------------------------------------------

    def start(self, listening: bool = True) -> TcpProxy:
        """listening=False: the port is bound but refuses connections until listen()."""
        if listening:
            self.listen()
        return self

    def listen(self) -> None:
        self._listener.listen(64)
        self._listening = True
        self._refusing = False
        if self._thread is None:
            self._thread = threading.Thread(target=self._accept, daemon=True)
            self._thread.start()

    def stall(self) -> None:
        self._flowing.clear()

    def resume(self) -> None:
        self._refusing = False
        self._flowing.set()

    def refuse(self) -> None:
        """New connections are closed at once and the open ones are cut."""
        self._refusing = True
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for sock in pair:
                with contextlib.suppress(OSError):
                    sock.close()

    def close(self) -> None:
        self._closed = True
        self.refuse()
        self._flowing.set()
        with contextlib.suppress(OSError):
            self._listener.close()

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def url_for(self, url: str) -> str:
        """url with its host and port replaced by the proxy's."""
        from sqlalchemy.engine import make_url

        parsed = make_url(url).set(host="127.0.0.1", port=self.port)
        return parsed.render_as_string(hide_password=False)

    # --- pumping ---------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._refusing:
                client.close()
                continue
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client: socket.socket) -> None:
        self._flowing.wait()  # a stalled network does not reach the server either
        if self._refusing or self._closed:
            client.close()
            return
        try:
            server = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            client.close()
            return
        server.settimeout(None)
        with self._lock:
            self._pairs.append((client, server))
        self._pump(client, server)

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        try:
            while not self._closed:
                self._flowing.wait()
                readable, _, _ = select.select([a, b], [], [], 0.1)
                for sock in readable:
                    if not self._flowing.is_set():
                        break  # stalled between select and recv: leave the bytes waiting
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except (OSError, ValueError):  # ValueError: refuse() closed a socket under select
            return
        finally:
            for sock in (a, b):
                with contextlib.suppress(OSError):
                    sock.close()
