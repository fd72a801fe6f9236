"""Which Host and Origin values the preview answers, and what it says to the others."""
from __future__ import annotations

import argparse

import pytest

from exguide.commands.host_guard import HostGuard, host_name, host_refusal, origin_refusal, split_host


@pytest.mark.parametrize("value, expected", [
    ("localhost", ("localhost", None)), ("LocalHost:8000", ("localhost", 8000)), ("127.0.0.1:80", ("127.0.0.1", 80)),
    ("[::1]", ("::1", None)), ("[::1]:8000", ("::1", 8000)), ("localhost.:8000", ("localhost", 8000)),
    ("", None), (None, None), ("::1", None), ("evil.example:http", None), ("evil.example:0", None),
    ("evil.example:65536", None), ("user@localhost", None), ("localhost/x", None), ("a b", None),
    ("localhost, evil.example", None), (".", None),
])
def test_split_host(value, expected):
    assert split_host(value) == expected


def test_this_machine_is_answered_by_any_of_its_names_and_with_any_port():
    guard = HostGuard("127.0.0.1")
    for host in ("localhost", "localhost:8000", "LOCALHOST:9000", "127.0.0.1:8000", "127.0.0.1", "[::1]:8000",
                 "[::1]", "localhost.:8000"):
        assert guard.allows_host(host), host
    for host in ("evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.evil.example",
                 "0.0.0.0:8000", "192.168.1.20:8000", "", None, "localhost:8000, evil.example"):
        assert not guard.allows_host(host), host


def test_the_listening_address_and_allowed_names_are_answered_too():
    guard = HostGuard("0.0.0.0", ["mybox.local", "192.168.1.20", "fe80::1"])
    for host in ("0.0.0.0:8000", "mybox.local:8000", "MyBox.Local", "192.168.1.20:8000", "[fe80::1]:8000"):
        assert guard.allows_host(host), host
    assert not guard.allows_host("otherbox.local:8000")
    assert HostGuard("::1").allows_host("[::1]:8000") and HostGuard("::").allows_host("[::]:8000")


def test_the_websocket_origin_must_be_the_address_the_page_came_from():
    guard = HostGuard("127.0.0.1", ["mybox.local"])
    assert guard.allows_origin("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert guard.allows_origin("http://localhost:8000", "LocalHost:8000")
    assert guard.allows_origin("http://mybox.local:8000", "mybox.local:8000")
    assert guard.allows_origin("http://localhost", "localhost:80")
    for origin, host in [
        ("http://evil.example", "127.0.0.1:8000"),  # another site
        ("http://evil.example:8000", "evil.example:8000"),  # a rebound name: its Host is refused first
        ("http://localhost:3000", "localhost:8000"),  # another server on this machine
        ("http://127.0.0.1:8000", "localhost:8000"),  # another origin, though the same machine
        ("https://127.0.0.1:8000", "127.0.0.1:8000"), ("null", "127.0.0.1:8000"), ("", "127.0.0.1:8000"),
        (None, "127.0.0.1:8000"), ("http://127.0.0.1:8000/page", "127.0.0.1:8000"),
        ("http://user@127.0.0.1:8000", "127.0.0.1:8000"),
    ]:
        assert not guard.allows_origin(origin, host), (origin, host)


def test_allow_host_takes_a_name_or_address_alone():
    assert host_name("MyBox.Local") == "mybox.local"
    assert host_name("192.168.1.20") == "192.168.1.20"
    assert host_name("fe80::1") == "fe80::1" and host_name("[fe80::1]") == "fe80::1"
    for bad in ("http://mybox.local", "mybox.local:8000", "mybox.local/", "", "my box"):
        with pytest.raises(argparse.ArgumentTypeError) as caught:
            host_name(bad)
        assert str(caught.value) == ("expected a host name such as mybox.local or 192.168.1.20, without scheme, "
                                     f"port or path; got {bad!r}")


def test_the_refusals_say_what_was_refused_and_how_to_allow_it():
    assert host_refusal("evil.example:8000") == (
        "refused a request for 'evil.example': this preview answers only requests for localhost, 127.0.0.1, "
        "[::1], the --host address and names given with --allow-host. If you opened the preview by this name "
        "yourself, restart it with: python build.py serve --allow-host evil.example")
    assert host_refusal("[fe80::1]:8000").startswith("refused a request for '[fe80::1]': ")
    assert host_refusal("[fe80::1]:8000").endswith("--allow-host fe80::1")
    assert host_refusal(None) == ("refused a request with no Host header: this preview answers only requests "
                                  "for localhost, 127.0.0.1, [::1] or the --host address")
    assert host_refusal("a b").startswith("refused a request with the Host header 'a b', which names no host")
    assert origin_refusal("http://evil.example") == (
        "refused a live-reload connection from 'http://evil.example': only pages of this preview may connect")
    assert origin_refusal(None).startswith("refused a live-reload connection from a page that sent no Origin")


def test_the_terminal_hears_of_each_refused_name_once():
    guard = HostGuard("127.0.0.1")
    assert guard.first_refusal("evil.example")
    assert not guard.first_refusal("evil.example:8000")  # the same name
    assert guard.first_refusal("other.example")
    for n in range(100):  # a page refused in a loop, under ever new names
        guard.first_refusal(f"n{n}.example")
    assert not guard.first_refusal("late.example")


def test_serve_documents_allow_host_and_refuses_a_bad_value_without_a_traceback(capsys):
    from exguide.commands.serve import main, make_parser

    usage = " ".join(make_parser().format_help().split())
    assert "--allow-host NAME also answer requests addressed to NAME" in usage and "(repeatable)" in usage
    assert make_parser().parse_args(["--allow-host", "a.test", "--allow-host", "B.test"]).allow_host == ["a.test",
                                                                                                        "b.test"]
    assert main(["--allow-host", "http://mybox.local:8000"]) == 2
    err = capsys.readouterr().err
    assert err.endswith("build.py serve: error: argument --allow-host: expected a host name such as mybox.local "
                        "or 192.168.1.20, without scheme, port or path; got 'http://mybox.local:8000'\n")
    assert "Traceback" not in err
