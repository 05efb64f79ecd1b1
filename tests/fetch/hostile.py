"""A tiny threaded TCP server on 127.0.0.1 that misbehaves on purpose, in ways an HTTP server
library will not: dripping bytes, bad status lines, closing mid-body, bodies without end.

Every behaviour is bounded: it stops when the test ends, and after ``LIFETIME`` seconds anyway,
so a client that does not give up makes its test fail, not hang.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

LIFETIME = 6.0
Behaviour = Callable[[socket.socket, threading.Event], None]


@contextmanager
def hostile_server(behave: Behaviour) -> Iterator[str]:
    """The base URL of a server that answers every request with ``behave``."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()
    workers: list[threading.Thread] = []

    def handle(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(LIFETIME)
            try:
                _read_request(conn)
                behave(conn, stop)
            except OSError:
                pass  # the client hung up: that is what these servers are for

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            worker = threading.Thread(target=handle, args=(conn,), daemon=True)
            workers.append(worker)
            worker.start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    timer = threading.Timer(LIFETIME, stop.set)
    timer.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        timer.cancel()
        server.join(5)
        listener.close()
        for worker in workers:
            worker.join(5)


def _read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        piece = conn.recv(4096)
        if not piece:
            return
        data += piece


def drip(conn: socket.socket, stop: threading.Event, data: bytes, every: float = 0.05) -> None:
    """Send ``data`` a byte at a time, each well inside any socket timeout, until stopped."""
    for byte in data:
        if stop.wait(every):
            return
        conn.sendall(bytes([byte]))


def drip_status_line(conn: socket.socket, stop: threading.Event) -> None:
    drip(conn, stop, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + b"X: " * 10_000)


def drip_body(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
    drip(conn, stop, b'{"followers": 1, "following": 1, "x": "' + b"a" * 99_000)


def bad_status_line(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTX/9 banana\r\n\r\n{}")


def endless_header_line(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 200_000 + b"\r\n\r\n{}")


def close_without_answer(conn: socket.socket, stop: threading.Event) -> None:
    pass  # the connection closes as soon as the request is read


def close_mid_body(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b'{"followers": 12')


def close_mid_chunk(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + b'{"foll')


def endless_body(conn: socket.socket, stop: threading.Event) -> None:
    """Valid JSON followed by blanks without end (32 MiB here, so an unbounded client does not
    run the test machine out of memory: it reads it all and wrongly succeeds)."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
    _json_then_blanks(conn, stop)


def huge_declared_length(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n")
    _json_then_blanks(conn, stop)


def _json_then_blanks(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b'{"followers": 5, "following": 1}')
    blanks = b" " * 65536
    deadline = time.monotonic() + LIFETIME
    for _ in range(512):
        if stop.is_set() or time.monotonic() > deadline:
            return
        conn.sendall(blanks)


def redirect_to_a_broken_address(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(
        b"HTTP/1.1 302 Found\r\nLocation: http://[::1/users/ada\r\nContent-Length: 0\r\n\r\n"
    )
