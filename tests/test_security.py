"""Auth, headers, request bodies and secrets in messages (issue 18), over a real DuckDB store."""

from __future__ import annotations

import threading
import time
import traceback

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from factories import fill
from synthetic import one_paragraph
from trucewatch import cli
from trucewatch.api import create_app
from trucewatch.store import StoreError, open_store

TOKEN = "correct-horse-battery"
BODY = {"text": "Rebels shelled the town of Homs on Monday, killing three people.", "published": "2016-04-10"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    st = open_store(str(tmp_path_factory.mktemp("sec") / "sec.duckdb"))
    fill(st, 10)
    with TestClient(create_app(st, token=TOKEN)) as c:
        yield c
    st.close()


# --- auth -------------------------------------------------------------------------------------


def test_an_empty_token_is_refused_at_start_up(tmp_path) -> None:
    st = open_store(":memory:")
    for empty in ("", "   "):
        with pytest.raises(ValueError, match="empty token"):
            create_app(st, token=empty)
    (tmp_path / "t").write_text("\n")
    runner = CliRunner()
    store = str(tmp_path / "x.duckdb")
    for args, env in ((["--token-file", str(tmp_path / "t")], {}), ([], {"TRUCEWATCH_TOKEN": ""})):
        r = runner.invoke(cli.app, ["serve", "--store", store, "--port", "1", *args], env=env)
        assert r.exit_code != 0 and "empty" in r.output, r.output


def test_only_a_bearer_header_with_the_token_writes(client) -> None:
    for header in (TOKEN, f"Basic {TOKEN}", "Bearer", "Bearer ", f"Bearer {TOKEN}x", f"Token {TOKEN}", ""):
        r = client.post("/api/articles", json=BODY, headers={"Authorization": header})
        assert r.status_code == 401, header
    assert client.post("/api/articles", json=BODY).status_code == 401
    r = client.post("/api/articles", json=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201 and r.json()["events_new"] >= 1


def test_the_token_file_is_documented_and_the_command_line_token_is_not() -> None:
    r = CliRunner().invoke(cli.app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert "--token-file" in r.output and "TRUCEWATCH_TOKEN" in r.output
    assert "--token " not in r.output.replace("--token-file", "")


# --- headers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/health", "/api/events", "/api/events/nope", "/", "/openapi.json", "/docs"])
def test_every_response_carries_the_security_headers(client, path: str) -> None:
    r = client.get(path, follow_redirects=False)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    if not path.startswith("/docs"):
        assert "script-src 'self';" in csp  # no inline or foreign script on the dashboard


def test_error_responses_carry_the_headers_too(client) -> None:
    r = client.post("/api/articles", json=BODY, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.headers["x-content-type-options"] == "nosniff"


# --- request bodies ---------------------------------------------------------------------------


def test_a_body_that_is_not_utf8_gets_the_documented_400(client) -> None:
    raw = b'{"text": "Rebels shelled Homs, killing three people in the caf\xe9."}'
    r = client.post("/api/articles", content=raw,
                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert r.status_code == 400 and "UTF-8" in r.json()["detail"]
    assert r.headers["x-content-type-options"] == "nosniff"
    doc = client.get("/openapi.json").json()["paths"]["/api/articles"]["post"]["responses"]
    assert "UTF-8" in doc["400"]["description"]


@pytest.mark.parametrize("published", [0, 1460000000, "0", "9999-12-31", "0001-01-01", "2016-02-30",
                                       "2016-04-10T00:00:00", [2016, 4, 10]])
def test_bad_publication_dates_are_422(client, published) -> None:
    r = client.post("/api/articles", json={**BODY, "published": published},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422, (published, r.text)
    assert "published" in r.text


def test_a_far_as_of_date_answers_quickly(client) -> None:
    started = time.perf_counter()
    r = client.get("/api/agreements/syria-coh-2016", params={"as_of": "9999-12-31"})
    assert r.status_code == 200
    assert time.perf_counter() - started < 30  # the trend is not computed day by day up to 9999


def test_reads_are_answered_while_an_article_is_extracted(client) -> None:
    """The POST extracts outside the store's lock: health answers before the POST is done."""
    client.get("/api/health")
    done = threading.Event()
    result: dict[str, int] = {}

    def post() -> None:
        r = client.post("/api/articles", json={"text": one_paragraph(10_000, seed=3), "published": "2016-04-10"},
                        headers={"Authorization": f"Bearer {TOKEN}"})
        result["status"] = r.status_code
        done.set()

    worker = threading.Thread(target=post)
    worker.start()
    answered_during = 0
    while not done.is_set():
        assert client.get("/api/health").status_code == 200
        assert client.get("/api/events", params={"limit": 5}).status_code == 200
        if not done.is_set():
            answered_during += 1
        time.sleep(0.05)
    worker.join()
    assert result["status"] == 201
    assert answered_during >= 3


# --- secrets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, secret",
    [
        ("postgresql://robust:Sup3rS3cret@127.0.0.1:1/db", "Sup3rS3cret"),
        ("postgres://:Sup3rS3cret@127.0.0.1:1/db", "Sup3rS3cret"),
        ("postgresql://robust@127.0.0.1:1/db?password=Sup3rS3cret", "Sup3rS3cret"),
        ("postgresql://robust:Sup3r@S3cret@127.0.0.1:1/db", "S3cret"),
        ("postgresql://robust:Sup3r%40S3cret@127.0.0.1:1/db", "S3cret"),
        ("postgresql://robust:Sup3r%zzS3cret@127.0.0.1:1/db", "S3cret"),
        ("postgresql://127.0.0.1:1/db?sslmode=disable&password=Sup3rS3cret", "Sup3rS3cret"),
    ],
)
def test_postgres_passwords_never_appear_in_messages(url: str, secret: str) -> None:
    from trucewatch.store.postgres_store import _redact

    with pytest.raises(StoreError) as info:
        open_store(url)
    message = str(info.value)
    assert secret not in message and "Sup3r" not in message, message
    printed = "".join(traceback.format_exception(info.value))
    assert secret not in printed and "Sup3r" not in printed
    assert secret not in _redact(url) and "Sup3r" not in _redact(url)
