"""``make serve``'s first step: stop with a plain message when the port is taken, rather than MkDocs' traceback.

Usage: ``python scripts/port_free.py HOST PORT``. Exit status 0 when the port can be listened on.
"""

from __future__ import annotations

import errno
import socket
import sys


def port_problem(host: str, port: int) -> str | None:
    """Why ``make serve`` cannot listen on ``host:port``, or ``None`` when it can."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will: a closing socket is no obstacle
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (f"make serve: port {port} on {host} is busy (another server is using it, perhaps another "
                        f"`make serve`). Stop that one, or pick another port: make serve PORT={port + 1}")
            return f"make serve: cannot listen on {host}:{port} ({exc.strerror}). Pick another: make serve HOST=127.0.0.1 PORT=8001"
    return None


def main(argv: list[str]) -> int:
    host, port = argv[1], int(argv[2])
    problem = port_problem(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
