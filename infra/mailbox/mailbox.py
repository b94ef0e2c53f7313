"""Payrail's local mailbox: an SMTP server that keeps every message it receives.

Tests and the demo send real mail to it and read it back over HTTP:

    GET    /messages            all messages, oldest first
    GET    /messages?to=addr    only messages with addr among the recipients
    DELETE /messages            forget everything (memory and disk)
    GET    /health              "ok"

A message is {id, from, to: [...], subject, text, html, receivedAt}.
Messages are also appended to a JSONL file so a restart keeps them.

Usage: mailbox.py --smtp-port 58025 --http-port 58026 --store path/messages.jsonl
Everything binds 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import email.utils
import json
import signal
import threading
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


class Store:
    """In-memory list of messages, mirrored to an append-only JSONL file."""

    def __init__(self, path: Path):
        self._path = path
        self._lock = threading.Lock()
        self._messages: list[dict] = []
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    self._messages.append(json.loads(line))

    def add(self, message: dict) -> None:
        with self._lock:
            self._messages.append(message)
            with self._path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(message) + "\n")

    def list(self, to: str | None = None) -> list[dict]:
        with self._lock:
            if to is None:
                return list(self._messages)
            wanted = email.utils.parseaddr(to)[1].lower()  # accepts "Name <addr>" too
            return [m for m in self._messages if wanted in (a.lower() for a in m["to"])]

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self._path.write_text("", encoding="utf-8")


def _content(part) -> str | None:
    # SMTP delivers CRLF line endings; tests compare against "\n".
    return part.get_content().replace("\r\n", "\n") if part is not None else None


def parse_message(raw: bytes, mail_from: str, rcpt_tos: list[str]) -> dict:
    """Decodes MIME (encoded headers, charsets, transfer encodings) into plain fields."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    return {
        "id": uuid.uuid4().hex,
        # The envelope is what the server really delivered to; headers can lie (Bcc).
        "from": mail_from,
        "to": list(rcpt_tos),
        "subject": str(msg.get("Subject", "")),
        "text": _content(text_part),
        "html": _content(html_part),
        "receivedAt": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }


class SmtpHandler:
    def __init__(self, store: Store):
        self._store = store

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        raw = envelope.original_content or envelope.content
        self._store.add(parse_message(raw, envelope.mail_from, envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def make_http_handler(store: Store):
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):  # noqa: N802
            url = urlparse(self.path)
            if url.path == "/messages":
                to = parse_qs(url.query).get("to", [None])[0]
                self._send(200, store.list(to))
            elif url.path == "/health":
                self._send(200, "ok")
            else:
                self._send(404, {"error": "not found"})

        def do_DELETE(self):  # noqa: N802
            if urlparse(self.path).path == "/messages":
                store.clear()
                self._send(200, {"deleted": True})
            else:
                self._send(404, {"error": "not found"})

        def log_message(self, fmt, *args):  # quieter than the default, still in the log
            print(f"http {self.command} {self.path} -> {args[1] if len(args) > 1 else ''}", flush=True)

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--store", type=Path, required=True)
    args = parser.parse_args()

    store = Store(args.store)
    smtp = Controller(SmtpHandler(store), hostname=HOST, port=args.smtp_port)
    smtp.start()
    ThreadingHTTPServer.request_queue_size = 128  # default 5 refuses bursts from parallel tests
    http = ThreadingHTTPServer((HOST, args.http_port), make_http_handler(store))

    # SIGTERM (infra/stack down) ends serve_forever cleanly, from another thread
    # because shutdown() blocks until the serve loop returns.
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=http.shutdown).start())
    print(f"mailbox: smtp {HOST}:{args.smtp_port}, http http://{HOST}:{args.http_port}, store {args.store}", flush=True)
    try:
        http.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        http.server_close()
        smtp.stop()


if __name__ == "__main__":
    main()
