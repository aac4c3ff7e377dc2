"""Fetching visitors' URLs under our own policy, tested against a server on this machine."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lib.ingest import fetching
from lib.ingest.limits import read_limits
from lib.ingest.uploads import Allowance

PAGE = b"<html><head><title>Talks resume</title></head><body><p>Mediators met in Doha.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    """/page: a page; /slow: half a page, then silence; /big: 2 MB; /redirect: to a file: URL."""

    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server hook's name
        Handler.requests.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        body = b"x" * (2 * 1024 * 1024) if self.path == "/big" else PAGE
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path == "/slow":
            self.wfile.write(body[:20])
            self.wfile.flush()
            time.sleep(3)
            return
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture()
def loopback() -> Iterator[str]:
    """A web server on 127.0.0.1; its address is the base URL."""
    Handler.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def allowance() -> Allowance:
    return Allowance(bytes_left=10 * 1024 * 1024, files_left=50, max_file_bytes=1024 * 1024)


def fetch(folder: Path, urls: list[str], **options) -> fetching.Intake:
    limits = read_limits({"FETCH_SECONDS": "1", "MAX_FILE_MB": "1", "MAX_URLS": "3"})
    return fetching.fetch_urls(folder, urls, limits=limits, allowance=allowance(), **options)


def test_loopback_is_refused_by_our_policy_before_any_connection(tmp_path: Path, loopback: str) -> None:
    port = loopback.rsplit(":", 1)[1]
    urls = [f"{loopback}/page", f"http://localhost:{port}/page"]
    intake = fetch(tmp_path, urls)
    assert intake.saved == [] and Handler.requests == []
    assert intake.rejected[0] == (urls[0], "refused: 127.0.0.1 resolves to a non-public address (127.0.0.1)")
    assert intake.rejected[1][1].startswith("refused: localhost resolves to a non-public address")


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
    "224.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
])
def test_non_public_addresses(address: str) -> None:
    assert not fetching.is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "::ffff:8.8.8.8"])
def test_public_addresses(address: str) -> None:
    assert fetching.is_public_address(ipaddress.ip_address(address))


def test_every_address_a_host_resolves_to_is_checked(tmp_path: Path, monkeypatch) -> None:
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 80)),
               (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 80))]
    monkeypatch.setattr(fetching.socket, "getaddrinfo", lambda *args, **kwargs: answers)
    intake = fetch(tmp_path, ["http://mixed.example/story"])
    assert intake.rejected == [
        ("http://mixed.example/story", "refused: mixed.example resolves to a non-public address (10.0.0.7)"),
    ]


@pytest.mark.parametrize("url, scheme", [
    ("ftp://files.example/a.txt", "'ftp'"), ("file:///etc/passwd", "'file'"), ("gopher://x.example/", "'gopher'"),
    ("javascript:alert(1)", "'javascript'"), ("www.example.com/story", "none"),
])
def test_unsupported_schemes_get_a_reason(tmp_path: Path, url: str, scheme: str) -> None:
    assert fetch(tmp_path, [url]).rejected == [(url, f"unsupported scheme {scheme}: only http and https are fetched")]


def test_a_page_from_an_allowed_address_is_saved(tmp_path: Path, loopback: str) -> None:
    intake = fetch(tmp_path, [f"{loopback}/page"], allowed=lambda address: True)
    assert intake.rejected == [] and len(intake.saved) == 1
    saved = (tmp_path / intake.saved[0]).read_bytes()
    assert saved.startswith(b'<link rel="canonical" href="http://127.0.0.1:') and saved.endswith(PAGE)


def test_a_download_cut_off_by_its_time_out_is_rejected_not_saved(tmp_path: Path, loopback: str) -> None:
    intake = fetch(tmp_path, [f"{loopback}/slow"], allowed=lambda address: True)
    assert intake.saved == [] and list(tmp_path.iterdir()) == []
    assert intake.rejected == [
        (f"{loopback}/slow", "cut off by the time-out before the page was complete: not saved"),
    ]


def test_a_page_over_the_size_limit_is_rejected(tmp_path: Path, loopback: str) -> None:
    intake = fetch(tmp_path, [f"{loopback}/big"], allowed=lambda address: True)
    assert intake.rejected == [(f"{loopback}/big", "larger than 1 MB: not saved")]
    assert list(tmp_path.iterdir()) == []


def test_a_redirect_is_checked_like_the_first_url(tmp_path: Path, loopback: str) -> None:
    intake = fetch(tmp_path, [f"{loopback}/redirect"], allowed=lambda address: True)
    assert intake.rejected == [(f"{loopback}/redirect", "unsupported scheme 'file': only http and https are fetched")]


def test_more_urls_than_the_limit_are_named(tmp_path: Path) -> None:
    urls = [f"ftp://x.example/{number}" for number in range(5)]
    rejected = dict(fetch(tmp_path, urls).rejected)
    assert rejected["ftp://x.example/4"] == "not fetched: at most 3 URLs at a time"
    assert rejected["ftp://x.example/0"].startswith("unsupported scheme")
