"""A webhook is sent to the address that was checked, never to what its name resolves to later."""

import socket
import ssl

import pytest

from reviews.services import alerting
from tests.reviews.webhook_server import Receiver

PUBLIC = "93.184.216.34"


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


class FakeDNS:
    """``dns.answers[name] = [address, ...]``: each lookup of ``name`` answers the next address (the
    last one for good); other names resolve as usual. ``lookups[name]`` counts them."""

    def __init__(self, real):
        self.real = real
        self.answers: dict[str, list[str]] = {}
        self.lookups: dict[str, int] = {}

    def getaddrinfo(self, host, port, family=0, type=0, proto=0, flags=0):
        if host not in self.answers:
            return self.real(host, port, family, type, proto, flags)
        seen = self.lookups[host] = self.lookups.get(host, 0) + 1
        address = self.answers[host][min(seen, len(self.answers[host])) - 1]
        if ":" in address:
            return [(socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port or 0, 0, 0))]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port or 0))]


@pytest.fixture
def dns(monkeypatch):
    fake = FakeDNS(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", fake.getaddrinfo)
    return fake


@pytest.fixture
def connections(monkeypatch):
    """Every address a socket connects to; the made-up public address refuses at once."""
    made = []
    connect = socket.socket.connect

    def recording(self, address):
        made.append(address[:2])
        if address[0] == PUBLIC:
            raise ConnectionRefusedError("test: no route to the public address")
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", recording)
    return made


def test_a_name_rebound_to_loopback_after_the_check_is_never_reached(settings, receiver, dns, connections):
    settings.SHIELD_ALERT_ALLOW_PRIVATE = False
    port = receiver.server.server_port
    dns.answers["hooks.rebind.test"] = [PUBLIC, "127.0.0.1"]  # public when checked, loopback when connecting
    answer = alerting.http_post(f"http://hooks.rebind.test:{port}/hook", b"{}", {}, timeout=2)
    assert answer.status is None and answer.error
    assert connections == [(PUBLIC, port)]
    assert receiver.requests == []


def test_the_checked_address_gets_the_post_with_the_name_as_host(settings, receiver, dns, connections):
    settings.SHIELD_ALERT_ALLOW_PRIVATE = True  # the receiver listens on loopback
    port = receiver.server.server_port
    dns.answers["hooks.example.test"] = ["127.0.0.1"]
    answer = alerting.http_post(f"http://hooks.example.test:{port}/hook", b'{"a": 1}', {"X-Test": "1"}, timeout=5)
    assert (answer.status, answer.error) == (200, "")
    assert connections == [("127.0.0.1", port)]
    (request,) = receiver.requests
    assert request["headers"]["Host"] == f"hooks.example.test:{port}"
    assert (request["path"], request["body"], request["headers"]["X-Test"]) == ("/hook", b'{"a": 1}', "1")
    assert dns.lookups["hooks.example.test"] == 1, "resolved once, for the check and the connection"


def test_https_verifies_the_certificate_of_the_name_at_the_checked_address(
    settings, receiver, dns, connections, monkeypatch
):
    settings.SHIELD_ALERT_ALLOW_PRIVATE = True
    port = receiver.server.server_port
    dns.answers["hooks.example.test"] = ["127.0.0.1"]
    handshakes = []

    def wrap_socket(context, sock, server_hostname=None, **kwargs):
        handshakes.append((server_hostname, sock.getpeername()[:2], context.verify_mode, context.check_hostname))
        raise ssl.SSLError("test: no handshake")

    monkeypatch.setattr(ssl.SSLContext, "wrap_socket", wrap_socket)
    answer = alerting.http_post(f"https://hooks.example.test:{port}/hook", b"{}", {}, timeout=2)
    assert answer.status is None and "no handshake" in answer.error
    assert handshakes == [("hooks.example.test", ("127.0.0.1", port), ssl.CERT_REQUIRED, True)]


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("64:ff9b::7f00:1", True),  # NAT64 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", True),  # NAT64 of 169.254.169.254 (cloud metadata)
        ("64:ff9b::a00:5", True),  # NAT64 of 10.0.0.5
        ("64:ff9b:1::7f00:1", True),  # local-use NAT64 prefix: never a public address
        ("2002:7f00:1::1", True),  # 6to4 of 127.0.0.1
        ("2002:c0a8:101::1", True),  # 6to4 of 192.168.1.1
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", True),  # Teredo, client 127.0.0.1
        ("2001:0:4136:e378:8000:63bf:f5ff:fffa", True),  # Teredo, client 10.0.0.5
        ("::7f00:1", True),  # IPv4-compatible 127.0.0.1
        ("::ffff:127.0.0.1", True),  # IPv4-mapped 127.0.0.1
        ("::1", True),
        ("fd00::1", True),
        ("2606:4700:4700::1111", False),  # an ordinary public IPv6 address
        ("2400:3200::1", False),
        ("64:ff9b::808:808", False),  # NAT64 of a public IPv4 address
        ("2002:808:808::1", False),  # 6to4 of a public IPv4 address
    ],
)
def test_ipv6_addresses_that_embed_an_inner_ipv4_address_are_refused(settings, dns, address, refused):
    settings.SHIELD_ALERT_ALLOW_PRIVATE = False
    dns.answers["hooks.v6.test"] = [address]
    message = alerting.webhook_target_refused("https://hooks.v6.test/hook")
    assert ("不能发送到内网或本机地址" in message) is refused
