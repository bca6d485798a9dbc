"""Sending ZPL to a Zebra printer: a raw TCP connection to its port 9100, bounded in time.

The printer acknowledges nothing in this protocol: "sent" means every byte was handed to the
printer's TCP stack and the connection closed cleanly. A printer that is off, unplugged or at
the wrong address fails within `timeout` seconds with a message that says which printer and
what to check; nothing is retried behind the person's back (a retry could print twice).
"""

from __future__ import annotations

import logging
import socket

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 5.0


class PrinterUnreachable(OSError):
    """The printer did not take the label; the message is for the person at the station."""

    def __init__(self, host: str, port: int, cause: str):
        self.host = host
        self.port = port
        self.cause = cause
        super().__init__(f"The label printer at {host}:{port} did not take the label ({cause}). "
                         "Nothing was printed. Check that the printer is on, connected to the "
                         "network and has labels, then print again.")


def send_zpl(host: str, port: int, zpl: str, *, timeout: float = DEFAULT_TIMEOUT_S) -> int:
    """Send `zpl` (UTF-8, as ^CI28 declares) and return the number of bytes sent."""
    data = zpl.encode("utf-8")
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.settimeout(timeout)
            connection.sendall(data)
            connection.shutdown(socket.SHUT_WR)  # the printer sees the end of the job now
    except socket.timeout:
        raise PrinterUnreachable(host, port, f"no answer within {timeout:g} s") from None
    except OSError as exc:
        raise PrinterUnreachable(host, port, exc.strerror or type(exc).__name__) from None
    log.info("Label sent to %s:%s (%d bytes)", host, port, len(data))
    return len(data)
