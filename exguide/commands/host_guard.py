"""Which requests the preview answers: those addressed to this machine, so that no web site can read drafts.

A page on any site can point its own domain name at 127.0.0.1 (DNS rebinding) and then read what
a local server answers, as if it were the same origin. Its requests still carry its own domain
in the Host header, so the preview answers only Host names of this machine (localhost,
127.0.0.1, [::1], the address it listens on) and the names the author allows with
``--allow-host``. The port is not compared: a rebinding changes the name, while a forwarded port
(``ssh -L``, a container's port mapping) changes only the port. The live-reload websocket, which
browsers open across sites without asking, also needs an Origin that is the address the page
was loaded from; browsers always send one on a websocket upgrade.
"""
from __future__ import annotations

import argparse
import html
import re
from urllib.parse import urlsplit

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
HOST_STATUS = (421, "Misdirected Request")
ORIGIN_STATUS = (403, "Forbidden")
_HOST = re.compile(r"(?:\[(?P<ip6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9_.-]+))(?::(?P<port>[0-9]{1,5}))?")
_SHOWN = 100  # characters of a refused value shown back: it is whatever the request sent


def split_host(value: str | None) -> tuple[str, int | None] | None:
    """('localhost', 8000) for 'LocalHost:8000', ('::1', None) for '[::1]'; None when it names no host."""
    found = _HOST.fullmatch(value.strip().lower()) if value else None
    if not found:
        return None
    name = (found["ip6"] or found["name"]).removesuffix(".")  # 'localhost.' is the same name, fully qualified
    port = int(found["port"]) if found["port"] else None
    if not name.strip(".") or (port is not None and not 0 < port < 65536):
        return None
    return name, port


def host_name(value: str) -> str:
    """An --allow-host value: a name or address alone, e.g. mybox.local or 192.168.1.20."""
    plain = value.strip()
    parsed = split_host(f"[{plain}]" if ":" in plain and not plain.startswith("[") else plain)
    if parsed is None or parsed[1] is not None:
        raise argparse.ArgumentTypeError(f"expected a host name such as mybox.local or 192.168.1.20, "
                                         f"without scheme, port or path; got {value!r}")
    return parsed[0]


class HostGuard:
    """The Host names this preview answers, and the check of its websocket's Origin."""

    def __init__(self, listen_host: str, allowed: list[str] | tuple[str, ...] = ()):
        names = [*LOCAL_NAMES, listen_host.strip("[]").lower(), *allowed]
        self.names = frozenset(name.removesuffix(".") for name in names)
        self._told: set[str] = set()

    def allows_host(self, host: str | None) -> bool:
        parsed = split_host(host)
        return parsed is not None and parsed[0] in self.names

    def allows_origin(self, origin: str | None, host: str | None) -> bool:
        """The websocket comes from a page of this very address: an http Origin naming the (allowed) Host."""
        if not origin or not self.allows_host(host):
            return False
        parts = urlsplit(origin)
        if parts.scheme != "http" or parts.path or parts.query or parts.username:
            return False
        return _with_port(split_host(parts.netloc)) == _with_port(split_host(host))

    def first_refusal(self, host: str | None) -> bool:
        """True the first time a Host is refused, so the terminal says so once, not once per request."""
        parsed = split_host(host)
        key = parsed[0] if parsed else (host or "")[:_SHOWN]
        if key in self._told or len(self._told) >= 20:  # a page refused in a loop must not flood the terminal
            return False
        self._told.add(key)
        return True


def _with_port(parsed: tuple[str, int | None] | None) -> tuple[str, int] | None:
    return None if parsed is None else (parsed[0], parsed[1] or 80)


def host_refusal(host: str | None) -> str:
    """One line saying which Host was refused and how to allow it (the page's message and the terminal's)."""
    parsed = split_host(host)
    if parsed is None:
        shown = "no Host header" if not host else f"the Host header {host[:_SHOWN]!r}, which names no host"
        return (f"refused a request with {shown}: this preview answers only requests for localhost, "
                "127.0.0.1, [::1] or the --host address")
    name = f"[{parsed[0]}]" if ":" in parsed[0] else parsed[0]
    return (f"refused a request for {name!r}: this preview answers only requests for localhost, 127.0.0.1, "
            f"[::1], the --host address and names given with --allow-host. If you opened the preview by "
            f"this name yourself, restart it with: python build.py serve --allow-host {parsed[0]}")


def origin_refusal(origin: str | None) -> str:
    shown = "a page that sent no Origin" if not origin else repr(origin[:_SHOWN])
    return f"refused a live-reload connection from {shown}: only pages of this preview may connect"


HOST_WHY = ("The preview answers only its own addresses, so that other web sites cannot read your drafts "
            "by pointing their own name at this machine (DNS rebinding).")
ORIGIN_WHY = ("Any web site can ask a browser to open a websocket to this machine; the preview lets in "
              "only its own pages.")


def refusal_page(title: str, message: str, why: str) -> bytes:
    """A small HTML page around ``message``; it names no allowed host and shows no draft."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>{html.escape(title)} · preview</title>
</head>
<body>
<main id="refused">
<h1>{html.escape(title)}</h1>
<p class="message">{html.escape(message)}</p>
<p>{html.escape(why)}</p>
</main>
</body>
</html>
""".encode("utf-8")
