"""Fetching a visitor's URLs: our own policy, not a library default.

- Only ``http`` and ``https`` are fetched; any other scheme is refused with a reason.
- The host is resolved once, and every address it resolves to must be public (not loopback,
  private, link-local, reserved or multicast); the connection then goes to the checked address,
  so a second lookup cannot swap in another one. Each redirect is checked the same way.
- A page must arrive whole within the time-out and the file size limit; a page cut off by either
  is rejected, never saved.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lib.ingest.limits import Limits, format_mb
from lib.ingest.uploads import Allowance, Intake, existing_names, save_bytes

SCHEMES = {"http": 80, "https": 443}
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
USER_AGENT = "news-framing-explorer (article fetch for a visitor)"
PAGE_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchRefused(ValueError):
    """A URL that is not fetched, or a download that is not kept; the message says why."""


def is_public_address(address: IPAddress) -> bool:
    """True for an address on the public internet (IPv4-mapped IPv6 judged as its IPv4 address)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class Target:
    """Where one request goes: the URL's parts and the checked address to connect to."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def resolve_target(url: str, *, allowed: Callable[[IPAddress], bool]) -> Target:
    """Check a URL's scheme and every address its host resolves to."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"'{scheme}'" if scheme else "none"
        raise FetchRefused(f"unsupported scheme {shown}: only http and https are fetched")
    if not parts.hostname:
        raise FetchRefused("no host name in the URL")
    try:
        port = parts.port or SCHEMES[scheme]
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except ValueError as error:
        raise FetchRefused(f"invalid URL ({error})") from None
    except socket.gaierror:
        raise FetchRefused(f"the host {parts.hostname} could not be found (is this machine offline?)") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]
    refused = [str(address) for address in addresses if not allowed(address)]
    if refused or not addresses:
        raise FetchRefused(f"refused: {parts.hostname} resolves to a non-public address ({', '.join(refused)})")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme, parts.hostname, port, path, str(addresses[0]))


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand, whatever the host name resolves to now."""

    def __init__(self, target: Target, *, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address, verifying the certificate for the host name."""

    def __init__(self, target: Target, *, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        self.address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def read_body(response: http.client.HTTPResponse, sock: socket.socket | None, *, deadline: float, limit: int) -> bytes:
    """The whole body, or FetchRefused if it is cut off by the deadline or over the size limit."""
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchRefused("cut off by the time-out before the page was complete: not saved")
        if sock is not None:
            sock.settimeout(left)
        try:
            chunk = response.read1(CHUNK_BYTES)
        except TimeoutError:
            raise FetchRefused("cut off by the time-out before the page was complete: not saved") from None
        except http.client.IncompleteRead:
            raise FetchRefused("the connection closed before the page was complete: not saved") from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FetchRefused(f"larger than {format_mb(limit / 1024 / 1024)}: not saved")
        chunks.append(chunk)


def request(target: Target, *, deadline: float, limit: int) -> tuple[int, str, str, bytes]:
    """One GET: status, Location header, content type and body (the body only for a 200)."""
    connection_type = PinnedHTTPSConnection if target.scheme == "https" else PinnedHTTPConnection
    connection = connection_type(target, timeout=max(deadline - time.monotonic(), 0.1))
    try:
        connection.request("GET", target.path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        response = connection.getresponse()
        kind = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        body = read_body(response, connection.sock, deadline=deadline, limit=limit) if response.status == 200 else b""
        return response.status, response.getheader("Location") or "", kind, body
    except TimeoutError:
        raise FetchRefused("cut off by the time-out before the page was complete: not saved") from None
    finally:
        connection.close()


def fetch_page(
    url: str, *, timeout: float, max_bytes: int, allowed: Callable[[IPAddress], bool] = is_public_address,
) -> tuple[str, str, bytes]:
    """Fetch one page under the policy above: the final URL, its content type and its bytes."""
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        status, location, kind, body = request(resolve_target(url, allowed=allowed), deadline=deadline, limit=max_bytes)
        if status in (301, 302, 303, 307, 308) and location:
            url = urljoin(url, location)
            continue
        if status != 200:
            raise FetchRefused(f"the server answered {status}")
        if kind and kind not in PAGE_TYPES:
            raise FetchRefused(f"not a web page (content type {kind})")
        return url, kind, body
    raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")


def split_urls(text: str) -> list[str]:
    """The non-empty lines of a block of text, one URL each."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def page_name(url: str, kind: str) -> str:
    """A file name for a fetched page, from its URL."""
    return re.sub(r"^https?://", "", url).replace("/", "_")[:80] + PAGE_TYPES.get(kind, ".html")


def fetch_urls(
    folder: Path, urls: list[str], *, limits: Limits, allowance: Allowance,
    allowed: Callable[[IPAddress], bool] = is_public_address,
) -> Intake:
    """Fetch each URL and save it as an article file; every refusal or failure is one line."""
    folder.mkdir(parents=True, exist_ok=True)
    intake = Intake()
    taken = existing_names(folder)
    for url in urls[limits.max_urls:]:
        intake.rejected.append((url, f"not fetched: at most {limits.max_urls} URLs at a time"))
    for url in urls[:limits.max_urls]:
        try:
            final, kind, body = fetch_page(
                url, timeout=limits.fetch_seconds, max_bytes=limits.max_file_bytes, allowed=allowed,
            )
        except FetchRefused as error:
            intake.rejected.append((url, str(error)))
            continue
        except (OSError, http.client.HTTPException) as error:
            intake.rejected.append((url, f"could not fetch ({type(error).__name__})"))
            continue
        if kind != "text/plain":
            body = f'<link rel="canonical" href="{escape(final, quote=True)}">\n'.encode() + body
        save_bytes(folder, page_name(final, kind), body, intake, taken, allowance=allowance, label=url)
    return intake
