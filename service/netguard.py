"""Outgoing requests to addresses a client chose (job callbacks, and articles fetched by URL):
only http(s), and, unless a setting allows them, no loopback, private, link-local or other
internal address, checked after DNS resolution (a name that resolves to 127.0.0.1 is refused the
same as the address). Callers check again right before connecting: a name may resolve
differently later.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.parse


class UnsafeURL(ValueError):
    """A URL the service will not send requests to; the message says why."""


def check_url(
    url: str, allow_private: bool = False, resolve: bool = True, allowed_hosts: tuple[str, ...] = ()
) -> None:
    """Refuse ``url`` (:class:`UnsafeURL`) unless it is http(s) to a public address; a host in
    ``allowed_hosts`` (``name`` or ``name:port``, an operator's own internal service) may be internal."""
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
    if allow_private or parts.hostname in allowed_hosts or f"{parts.hostname}:{port}" in allowed_hosts:
        return
    for address in _addresses(parts.hostname, port, resolve):
        if not address.is_global or address.is_multicast:
            raise UnsafeURL(
                f"{url!r} points to {address}, an internal address (loopback, private, link-local or "
                "reserved); use a public address"
            )


def _addresses(host: str, port: int, resolve: bool) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        mapped = getattr(literal, "ipv4_mapped", None)
        return [mapped or literal]
    if not resolve:
        return []
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UnsafeURL(f"cannot resolve {host!r} ({exc.strerror}); check the host name") from exc
    except UnicodeError as exc:  # no IDNA form: a character no host name may hold
        raise UnsafeURL(f"{host!r} is not a valid host name ({exc}); check the URL") from exc
    found = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        found.append(getattr(address, "ipv4_mapped", None) or address)
    return found
