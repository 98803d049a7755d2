"""How long ``python -m desk notices send`` takes to deliver 10,000 pending notices to a local
SMTP server (target: under 60 s).

Builds the tiny benchmark library (``generate.py``: 400 patrons, all with e-mail), queues
``--notices`` hold-ready notices spread over them (half in Chinese, half in English) straight
into the outbox, starts an aiosmtpd server in a process of its own that counts the messages and
their distinct Message-IDs, and times the command as cron would run it. Reminders are off
(``notice_courtesy_days`` 0, no overdue stages) so only the queued notices are sent. Usage::

    python benchmarks/notices_send.py [--url sqlite:////tmp/desk-bench/notices.sqlite]
        [--notices 10000] [--out benchmarks/results/notices_send_sqlite.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import generate  # noqa: E402

from sqlalchemy import create_engine, func, insert, select, update  # noqa: E402

from desk.circulation.outbox.queue import notice_values  # noqa: E402
from desk.models import Patron, PatronNotice  # noqa: E402

LIMIT_S = 60.0
ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"


def _serve(port: int, ready: Any, stop: Any, counts: Any) -> None:
    """The SMTP server's process: count messages and distinct Message-IDs until stopped."""
    from email import message_from_bytes
    from aiosmtpd.controller import Controller

    seen: set[str] = set()

    class Counter:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            head = envelope.content.split(b"\r\n\r\n", 1)[0]
            seen.add(str(message_from_bytes(head)["Message-ID"]))
            counts[0] += 1
            counts[1] = len(seen)
            return "250 OK"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def queue(url: str, count: int) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(update(Patron).where(Patron.email.is_(None))
                           .values(email="reader@example.edu.tw"))
        patrons = list(connection.scalars(select(Patron.id).order_by(Patron.id)))
        now = connection.scalar(select(func.now())) if engine.dialect.name != "sqlite" else None
        from datetime import datetime, timezone
        moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
        rows = [notice_values(patrons[n % len(patrons)], "hold_ready",
                              {"title": f"三國演義 第 {n} 冊", "location": "總圖書館",
                               "until": "2026-12-31"}, moment, None,
                              "zh_TW" if n % 2 else "en") for n in range(count)]
        for start in range(0, count, 1000):
            connection.execute(insert(PatronNotice), rows[start:start + 1000])
    engine.dispose()


def run(url: str, count: int) -> dict[str, Any]:
    generate.generate(url, generate.SIZES["tiny"], replace=True, log=lambda _: None)
    queue(url, count)
    from tests.support.smtp_server import free_port
    port = free_port()
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    counts = multiprocessing.Array("i", 2)
    server = multiprocessing.Process(target=_serve, args=(port, ready, stop, counts))
    server.start()
    ready.wait(30)
    env = dict(os.environ, DESK_CONFIG="/nonexistent/desk-bench.toml", DESK_SMTP_HOST="127.0.0.1",
               DESK_SMTP_PORT=str(port), DESK_SMTP_TLS="none", DESK_LANGUAGE="en",
               DESK_NOTICE_FROM="library@example.edu.tw", DESK_NOTICE_COURTESY_DAYS="0",
               DESK_NOTICE_OVERDUE_DAYS="[]", DESK_NOTICES_PDF_DIR="/tmp/desk-bench/printed")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "desk", "notices", "send", "--url", url],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    stop.set()
    server.join(30)
    if done.returncode != 0:
        raise SystemExit(f"notices send failed: {done.stderr}")
    engine = create_engine(url)
    with engine.connect() as connection:
        states = dict(connection.execute(
            select(PatronNotice.state, func.count()).group_by(PatronNotice.state)).all())
    engine.dispose()
    return {"backend": url.split(":", 1)[0].split("+")[0], "notices": count,
            "seconds": round(seconds, 2), "per_second": round(count / seconds, 1),
            "received": counts[0], "distinct_message_ids": counts[1], "states": states,
            "limit_s": LIMIT_S, "ok": seconds < LIMIT_S and counts[1] == count,
            "summary": done.stdout.strip().splitlines()[-1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="sqlite:////tmp/desk-bench/notices.sqlite")
    parser.add_argument("--notices", type=int, default=10_000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.url.startswith("sqlite:////"):
        Path(args.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    result = run(args.url, args.notices)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    out = args.out or RESULTS / f"notices_send_{result['backend']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
