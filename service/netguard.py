"""Outgoing requests to addresses a client chose (job callbacks, and articles fetched by URL):
only http(s), and, unless a setting allows them, no loopback, private, link-local or other
internal address, checked after DNS resolution (a name that resolves to 127.0.0.1 is refused the
same as the address). Callers check again right before connecting: a name may resolve
differently later.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import urllib.parse
from typing import Any

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeURL(ValueError):
    """A URL the service will not send requests to; the message says why."""


class ResolutionTimeout(TimeoutError):
    """The host name was not resolved within the time left (a deadline's)."""


def lookup(host: str, port: int) -> list[Any]:
    """The system resolver (``getaddrinfo``): the one place the service resolves a host name."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def check_url(
    url: str,
    allow_private: bool = False,
    resolve: bool = True,
    allowed_hosts: tuple[str, ...] = (),
    timeout: float | None = None,
) -> None:
    """Refuse ``url`` (:class:`UnsafeURL`) unless it is http(s) to a public address; a host in
    ``allowed_hosts`` (``name`` or ``name:port``, an operator's own internal service) may be internal.
    The host name is resolved within ``timeout`` seconds (:class:`ResolutionTimeout`)."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeURL(f"{url!r} is not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL(f"{url!r}: only http and https URLs are allowed, not {parts.scheme or 'no scheme'!r}")
    if not parts.hostname:
        raise UnsafeURL(f"{url!r} has no host")
    if parts.username or parts.password:
        raise UnsafeURL(f"{url!r}: credentials in the URL are not allowed")
    if may_be_internal(parts.hostname, port, allow_private, allowed_hosts):
        return
    check_addresses(url, addresses(parts.hostname, port, resolve, timeout))


def may_be_internal(host: str, port: int, allow_private: bool, allowed_hosts: tuple[str, ...]) -> bool:
    return allow_private or host in allowed_hosts or f"{host}:{port}" in allowed_hosts


_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def embedded_ipv4(address: Address) -> Address | None:
    """The IPv4 address an IPv6 one carries to a gateway that reaches it: NAT64 (64:ff9b::/96, the
    local-use 64:ff9b:1::/48), 6to4 and Teredo. Such an address is as internal as what it carries."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if any(address in network for network in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    return address.teredo[1] if address.teredo is not None else None  # (server, client)


def check_addresses(url: str, found: list[Address]) -> None:
    # what an address carries first: Pythons disagree on whether a 6to4 address (2002::/16) is
    # global itself (3.11.2: no, 3.11.7: yes); either way the message names what it reaches
    carried = [inner for address in found if (inner := embedded_ipv4(address)) is not None]
    for address in [*carried, *found]:
        if not address.is_global or address.is_multicast:
            raise UnsafeURL(
                f"{url!r} points to {address}, an internal address (loopback, private, link-local or "
                "reserved); use a public address"
            )


def addresses(host: str, port: int, resolve: bool = True, timeout: float | None = None) -> list[Address]:
    """The host's addresses (an IP literal is its own), resolved within ``timeout`` seconds: the
    system resolver cannot be interrupted, so it runs on a thread of its own that is left behind
    when the time is up (:class:`ResolutionTimeout`)."""
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        mapped = getattr(literal, "ipv4_mapped", None)
        return [mapped or literal]
    if not resolve:
        return []
    infos = _resolve_within(host, port, timeout)
    found = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        found.append(getattr(address, "ipv4_mapped", None) or address)
    return found


def _resolve_within(host: str, port: int, timeout: float | None) -> list[Any]:
    if timeout is None:
        return _lookup_checked(host, port)
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["infos"] = _lookup_checked(host, port)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, name=f"resolve {host[:40]}", daemon=True)
    worker.start()
    worker.join(max(timeout, 0.0))
    if worker.is_alive():
        raise ResolutionTimeout(f"{host!r} was not resolved within {timeout:.3g} s")
    if "error" in outcome:
        raise outcome["error"]
    return list(outcome["infos"])


def _lookup_checked(host: str, port: int) -> list[Any]:
    try:
        return lookup(host, port)
    except socket.gaierror as exc:
        raise UnsafeURL(f"cannot resolve {host!r} ({exc.strerror}); check the host name") from exc
    except UnicodeError as exc:  # no IDNA form: a character no host name may hold
        raise UnsafeURL(f"{host!r} is not a valid host name ({exc}); check the URL") from exc
