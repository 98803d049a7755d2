"""Every boundary of the desk driven with generated bad and good inputs, each outcome counted
(issue 13's closing table; the operations of issues 15-18 and the SIP2 terminal
administration added since).

    python benchmarks/boundaries.py --examples 30          # SQLite and PostgreSQL
    python benchmarks/boundaries.py --examples 5 --no-pg   # SQLite only, a smoke run

Inputs come from the Hypothesis strategies the fuzz tests use (``tests/support/
boundary_inputs.py``). The API boundaries (every ``Circulation`` method, the set-up API,
sign-in, staff and terminal administration) run in this process on a real SQLite file and a
real PostgreSQL database (``--pg-url``, default ``$DESK_TEST_PG_URL``; its schema is dropped
first); the command-line boundaries (``.koc`` and CSV imports, ``audit verify``, ``sip2
add-terminal``, settings, URLs, the offline journal) run ``python -m desk`` as a subprocess on
real files. Each input is:

- **accepted**: it succeeded, and every argument was one the call may accept;
- **refused**: a clear refusal (``CirculationRefused``/``ValueError``/``ConfigError``, or exit
  code 1 or 2 with a message and no traceback), with nothing changed but its own audit rows;
  a ``CirculationRefused`` raised while the desk speaks Traditional Chinese (every other input)
  must say it in Chinese;
- **raw**: any other exception, a traceback on stderr, a refusal without a clear message;
- **wrong**: an invalid input accepted (a name with a control character stored, a tampered audit
  log called intact, a torn journal exported without a word), or a refusal that changed
  something.

Counts go to ``benchmarks/results/boundaries.json`` and a Markdown table next to it
(``boundaries.md``), which the README's Measured section quotes. Every raw exception or wrong
acceptance is listed under the table with the input (cut short).
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tomli_w  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from sqlalchemy import create_engine, delete, func, insert, select, text, update  # noqa: E402

from desk import wording  # noqa: E402
from desk.circulation import CirculationRefused, Library, Policy, open_library  # noqa: E402
from desk.configdata import BY_NAME, SETTINGS  # noqa: E402
from desk.models import (AuditEvent, Biblio, Desk, Item, Loan, Patron, SipTerminal,  # noqa: E402
                         StaffUser)
from desk.models.audit import AuditChainHead  # noqa: E402
from desk.models.base import Base  # noqa: E402
from tests.support import small_library  # noqa: E402
from tests.support.boundary_inputs import (  # noqa: E402
    ACCEPTED, KOC_HEADER, RAW, REFUSED, TERMINAL_ENCODINGS, WRONG, Boundary, Outcome, classify,
    classify_settings, csv_cell, desk_boundaries, is_login, koc_lines, request_boundaries,
    setup_boundaries, staff_boundaries, strong_for, toml_values)
from tests.support.clock import FakeClock  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
KINDS = (ACCEPTED, REFUSED, RAW, WRONG)
SHOWN_FINDINGS = 5
REPLAYER, REPLAYER_PASSWORD = "replayer", "keyed-in-after-the-outage"
KEY_ADMIN, KEY_ADMIN_PASSWORD = "keyadmin", "adds-the-self-check-kiosks"
KOC_ITEM = "K"
KOC_START = datetime(2026, 11, 3, 9, tzinfo=timezone.utc)


class Tally:
    """Outcomes per (boundary, backend), and the first raw exceptions and wrong acceptances."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], Counter[str]] = {}
        self.findings: dict[tuple[str, str], list[str]] = {}

    def add(self, boundary: str, backend: str, outcome: Outcome, case: str = "") -> None:
        key = (boundary, backend)
        self.counts.setdefault(key, Counter())[outcome.kind] += 1
        if outcome.kind in (RAW, WRONG):
            found = self.findings.setdefault(key, [])
            if len(found) < SHOWN_FINDINGS:
                found.append(f"{case}: {outcome.kind}: {outcome.detail}"[:400])


def drive(examples: int, strategy: st.SearchStrategy[Any], body: Callable[[Any], None]) -> None:
    """Run ``body`` on ``examples`` values of ``strategy`` (generation only: no shrinking, no
    example database; ``body`` classifies and never raises)."""
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value: Any) -> None:
        body(value)
    run()


def has_cjk(message: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in message)


# --- the API boundaries ----------------------------------------------------------------------
def api_boundary(tally: Tally, label: str, backend: str, library: Library, name: str,
                 boundary: Boundary, examples: int) -> None:
    turn = [0]

    def one(args: dict[str, Any]) -> None:
        turn[0] += 1
        language = "zh_TW" if turn[0] % 2 else "en"
        wording.set_language(language)
        try:
            outcome = classify(library, boundary, args)
            if (outcome.kind == REFUSED and language == "zh_TW"
                    and not has_cjk(outcome.detail) and _is_circulation_refusal(boundary)):
                outcome = Outcome(RAW, f"a refusal not in the user's language: {outcome.detail}")
        finally:
            wording.set_language("en")
        tally.add(label, backend, outcome, name)
    drive(examples, st.fixed_dictionaries(boundary.strategies), one)


def _is_circulation_refusal(boundary: Boundary) -> bool:
    # the set-up API's own ValueErrors are for scripts (English); every CirculationRefused is
    # a message for the counter and is checked for the language
    return boundary.accept == (CirculationRefused,)


def api_boundaries(tally: Tally, backend: str, url: str, examples: int) -> Library:
    library = open_library(url, clock=FakeClock(), policy=Policy())
    desk = small_library.build(library)
    # the command-line boundaries key in as a staff member of their own: the sign-in fuzz
    # locks, disables and re-passwords the small library's staff
    admin = library.sign_in("admin", small_library.PASSWORDS["admin"])
    library.add_staff(REPLAYER, "補登館員", "staff", REPLAYER_PASSWORD, by=admin)
    library.add_staff(KEY_ADMIN, "系統管理者二", "admin", KEY_ADMIN_PASSWORD, by=admin)
    library.sign_out(admin)
    for n in range(1, 8 * examples):      # copies only the .koc replays lend
        library.add_item(f"{KOC_ITEM}{n:04d}", f"補登 {n}", location="MAIN", price=100)
    # the staff fuzz below disables and re-passwords the clerk: the desk's calls come first
    for label, boundaries in (("desk API (every Circulation method)", desk_boundaries(desk)),
                              ("desk API: cards, approvals, requests (issues 15-18)",
                               request_boundaries(desk)),
                              ("setup API (Library.add_*, set_rule, ...)",
                               setup_boundaries(desk)),
                              ("sign-in, staff and terminal administration",
                               staff_boundaries(desk))):
        for name, boundary in boundaries.items():
            api_boundary(tally, label, backend, library, name, boundary, examples)
    return library


# --- the command line ------------------------------------------------------------------------
class Cli:
    """``python -m desk`` in a subprocess, with its own settings and data folder."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.env = dict(os.environ, DESK_CONFIG=str(work / "settings.toml"),
                        DESK_DATA_DIR=str(work / "data"), DESK_STAFF_PASSWORD=REPLAYER_PASSWORD,
                        QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
        self.turn = 0
        self.language = "en"
        for name in list(self.env):
            if name.startswith("DESK_") and name not in ("DESK_CONFIG", "DESK_DATA_DIR",
                                                         "DESK_STAFF_PASSWORD"):
                del self.env[name]

    def __call__(self, *argv: str, env: dict[str, str] | None = None,
                 ) -> subprocess.CompletedProcess[str]:
        """Every other call on a Chinese desk (``DESK_LANGUAGE``): ``language`` says which."""
        self.turn += 1
        self.language = "zh_TW" if self.turn % 2 else "en"
        return subprocess.run([sys.executable, "-m", "desk", *argv], cwd=self.work,
                              env={**(env or self.env), "DESK_LANGUAGE": self.language},
                              capture_output=True, text=True, timeout=300,
                              stdin=subprocess.DEVNULL)


def cli_outcome(done: subprocess.CompletedProcess[str],
                language: str = "en") -> Outcome | None:
    """``RAW`` for a traceback or an unexpected exit code, ``REFUSED`` for exit 1 or 2 with a
    message, ``None`` for exit 0 (the caller decides whether that was right). On a Chinese
    desk (``language``) a refusal in English is ``RAW`` too, except argparse's own usage
    errors (its ``usage:`` line), which the command line leaves to argparse."""
    if "Traceback" in done.stderr or done.returncode not in (0, 1, 2):
        return Outcome(RAW, f"exit {done.returncode}: {done.stderr[-300:]!r}")
    if done.returncode == 0:
        return None
    said = done.stderr.strip() or done.stdout.strip()   # a replay's report is on stdout
    if not said or len(said) > 200_000:
        return Outcome(RAW, f"exit {done.returncode} without a clear message")
    last = said.splitlines()[-1][:200]
    if language == "zh_TW" and not has_cjk(last) and "usage:" not in done.stderr:
        return Outcome(RAW, f"a refusal not in the user's language: {last}")
    return Outcome(REFUSED, last)


def counts(library: Library) -> dict[str, int]:
    with library.read_sessions() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                or 0 for model in (Patron, Item, Loan)}


def invariants(library: Library) -> list[str]:
    """What no input may ever leave in the library, whatever the boundary."""
    broken = []
    with library.read_sessions() as session:
        for model, column in ((Patron, Patron.name), (Biblio, Biblio.title)):
            for value, in session.execute(select(column)):
                # control, format, surrogate, private-use, unassigned: never in a name or title
                # (a no-break space is a space, and allowed)
                if any(unicodedata.category(c).startswith("C") for c in value) \
                        or value != value.strip():
                    broken.append(f"{model.__tablename__} text {value!r:.60} stored")
        for out_at, returned_at in session.execute(select(Loan.out_at, Loan.returned_at)):
            if not 1970 <= out_at.year <= 2999:
                broken.append(f"a loan out at {out_at}")
            if returned_at is not None and returned_at < out_at:
                broken.append(f"a loan returned {returned_at} before it went out {out_at}")
    return broken


def settings_boundaries(tally: Tally, cli: Cli, examples: int) -> None:
    work = cli.work / "settings"
    work.mkdir()
    keys = st.sampled_from(sorted(BY_NAME)) | st.text(max_size=12)
    turn = [0]
    journal = work / "empty-journal.jsonl"      # so a command with good settings exits 0
    journal.write_bytes(b"")

    def in_file(case: tuple[str, Any]) -> None:
        key, value = case
        turn[0] += 1
        path = work / f"settings-{turn[0]}.toml"
        try:
            path.write_text(tomli_w.dumps({key: value}), encoding="utf-8")
        except (TypeError, ValueError):     # not writable as TOML: not an input
            return
        outcome = classify_settings(path, {}, str(path), key)
        tally.add("settings files", "files", outcome, f"{key}={value!r:.80}")
        if turn[0] <= max(3, examples // 3):        # and what a command makes of it
            env = dict(cli.env, DESK_CONFIG=str(path))
            done = cli("offline", "export", "--journal", str(journal), env=env)
            expected = 2 if outcome.kind == REFUSED else None
            got = cli_outcome(done, cli.language)
            if got is not None and got.kind == RAW:
                tally.add("settings file -> python -m desk (subprocess)", "files", got, key)
            elif expected == 2 and (done.returncode != 2 or not any(
                    prefix in done.stderr for prefix in ("settings error: ", "設定錯誤："))):
                tally.add("settings file -> python -m desk (subprocess)", "files",
                          Outcome(WRONG, f"exit {done.returncode} for a refused settings file"),
                          key)
            else:
                tally.add("settings file -> python -m desk (subprocess)", "files",
                          got or Outcome(ACCEPTED), key)
    good = st.sampled_from([one for one in SETTINGS if one.default is not None]).map(
        lambda one: (one.name, one.default))
    drive(examples * 4, st.one_of(st.tuples(keys, toml_values), good), in_file)

    def in_environment(case: tuple[str, str]) -> None:
        key, value = case
        name = f"DESK_{key.upper()}"
        outcome = classify_settings(work / "absent.toml", {name: value}, name, key)
        tally.add("DESK_* variables", "files", outcome, f"{name}={value!r:.80}")
    values = st.one_of(st.text(max_size=20), st.integers().map(str),
                       toml_values.map(lambda v: json.dumps(v, default=str)),
                       st.sampled_from(["-1", "0", "1e9", "[]", "[\"cash\"]", "true", "Asia/Taipei",
                                        "TWD", "ZZZ", "\x00", ""]))
    drive(examples * 4, st.tuples(st.sampled_from(sorted(BY_NAME)), values), in_environment)


def url_boundary(tally: Tally, cli: Cli, good_url: str, examples: int) -> None:
    work = cli.work / "urls"
    work.mkdir()
    turn = [0]

    def make(kind: str, junk: bytes, name: str) -> tuple[str, Path | None, bool]:
        """The URL, the SQLite file it names (to see that nothing was made) and whether it
        is a library the command may open."""
        turn[0] += 1
        folder = work / str(turn[0])
        folder.mkdir()
        path = folder / "library.sqlite"
        if kind == "missing folder":
            path = folder / "not-mounted" / "library.sqlite"
        elif kind == "empty file":
            path.write_bytes(b"")
        elif kind == "not a database":
            path.write_bytes(junk or b"x")
        elif kind == "a folder":
            path.mkdir()
        elif kind == "missing file":
            pass
        elif kind == "the library":
            return good_url, None, True
        elif kind == "a newer library":     # upgraded by a newer desk
            shutil.copyfile(good_url.removeprefix("sqlite:///"), path)
            engine = create_engine(f"sqlite:///{path}")
            with engine.begin() as connection:
                connection.execute(text("UPDATE alembic_version SET version_num = '0999'"))
            engine.dispose()
            return f"sqlite:///{path}", None, False
        elif kind == "other scheme":
            return f"mysql://u@h/{name[:10]}", None, False
        elif kind == "unreachable server":
            return "postgresql+psycopg://desk@/nowhere?host=/nonexistent&port=1", None, False
        elif kind == "text":
            return name, None, False
        return f"sqlite:///{path}", path, False

    one_patron = work / "one-patron.csv"
    commands = {"audit verify": ["audit", "verify"],
                "import patrons": ["import", "patrons", str(one_patron)]}

    def one(case: tuple[str, bytes, str, str]) -> None:
        url, path, good = make(*case[:3])
        before = (path.exists(), path.stat().st_size if path.is_file() else -1) if path else None
        one_patron.write_text(f"barcode,name,category\nU{turn[0]:06d},URL test,student\n",
                              encoding="utf-8")
        done = cli(*commands[case[3]], "--url", url)
        outcome = cli_outcome(done, cli.language)
        if path is not None:
            after = (path.exists(), path.stat().st_size if path.is_file() else -1)
            if after != before:
                outcome = Outcome(WRONG, f"{case[0]}: the command changed {path}: {before} -> "
                                         f"{after}")
        if outcome is None:
            outcome = Outcome(ACCEPTED) if good else Outcome(WRONG, f"{case[0]}: {url!r:.80} "
                                                                    "opened")
        elif good and outcome.kind == REFUSED:
            outcome = Outcome(WRONG, f"the library itself refused: {outcome.detail}")
        tally.add("database URLs (--url)", "files", outcome, f"{case[3]}: {case[0]}")
    drive(examples, st.tuples(
        st.sampled_from(["missing folder", "empty file", "not a database", "a folder",
                         "missing file", "the library", "the library", "a newer library",
                         "other scheme",
                         "unreachable server", "text"]),
        st.binary(max_size=200), st.text(max_size=30), st.sampled_from(sorted(commands))), one)


def koc_boundary(tally: Tally, cli: Cli, backend: str, library: Library, examples: int) -> None:
    work = cli.work / f"koc-{backend}"
    work.mkdir()
    turn = [0]

    def one(lines: list[bytes]) -> None:
        turn[0] += 1
        path = work / f"{turn[0]}.koc"
        path.write_bytes(KOC_HEADER + b"\n".join(lines) + b"\n")
        before = counts(library)
        done = cli("offline", "import", str(path), "--staff", REPLAYER, "--url", library.url)
        outcome = cli_outcome(done, cli.language)
        broken = invariants(library)
        if broken:
            outcome = Outcome(WRONG, "; ".join(broken[:3]))
        elif outcome is not None and done.returncode == 2 and counts(library) != before:
            outcome = Outcome(WRONG, "a refused file changed the library")
        tally.add(".koc files (offline import)", backend, outcome or Outcome(ACCEPTED),
                  f"{lines!r:.120}")
    # good lines: the faculty card P003 borrows (and may return) copies no one else touches,
    # a minute apart, after the API fuzz's day and before today
    serial = itertools.count(1)

    def good_loan(returned: bool) -> list[bytes]:
        n = next(serial)
        at = KOC_START + timedelta(minutes=2 * n)
        lines = [f"{at:%Y-%m-%d %H:%M:%S} 000\tissue\tP003\t{KOC_ITEM}{n:04d}".encode()]
        if returned:
            lines.append(f"{at + timedelta(minutes=1):%Y-%m-%d %H:%M:%S} 000\treturn\t"
                         f"{KOC_ITEM}{n:04d}".encode())
        return lines
    good = st.booleans().map(good_loan)
    good_file = st.lists(good, min_size=1, max_size=3).map(lambda loans: sum(loans, []))
    mixed_file = st.lists(st.one_of(koc_lines, good.map(lambda lines: lines[0])), max_size=6)
    drive(examples, st.one_of(good_file, mixed_file), one)


argv_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
                    max_size=20)


def terminals(library: Library) -> list[tuple[str, str, str]]:
    """Every terminal account: its login, desk and encoding."""
    with library.read_sessions() as session:
        return [tuple(row) for row in session.execute(
            select(StaffUser.login, Desk.code, SipTerminal.encoding)
            .join(SipTerminal, SipTerminal.staff_id == StaffUser.id)
            .join(Desk, SipTerminal.desk_id == Desk.id))]


def sip2_boundary(tally: Tally, cli: Cli, backend: str, library: Library,
                  examples: int) -> None:
    """``python -m desk sip2 add-terminal LOGIN --desk CODE --encoding E`` with the terminal's
    password in ``DESK_SIP_PASSWORD`` and an administrator's sign-in in ``DESK_ADMIN_LOGIN``
    / ``DESK_ADMIN_PASSWORD``: exit 0 must have added exactly that terminal, from valid
    arguments only; a refusal must have added nothing."""
    def one(case: tuple[str, str, str, str | None, bool]) -> None:
        login, desk, encoding, password, admin_ok = case
        env = dict(cli.env, DESK_ADMIN_LOGIN=KEY_ADMIN,
                   DESK_ADMIN_PASSWORD=KEY_ADMIN_PASSWORD if admin_ok else "wrong-pass-1")
        if password is not None:
            env["DESK_SIP_PASSWORD"] = password
        before = terminals(library)
        # "--" first: a login such as "-h" is a login here, not a request for help
        done = cli("sip2", "add-terminal", "--desk", desk, "--encoding", encoding,
                   "--url", library.url, "--", login, env=env)
        outcome = cli_outcome(done)
        added = [row for row in terminals(library) if row not in before]
        if outcome is not None and outcome.kind == RAW:
            pass
        elif outcome is not None:
            if added:
                outcome = Outcome(WRONG, f"a refusal added the terminals {added}")
        else:
            valid = (is_login(login) and desk in ("MAIN-1", "LAW-1") and admin_ok
                     and encoding in TERMINAL_ENCODINGS and strong_for(login, password))
            if not valid:
                outcome = Outcome(WRONG, f"accepted {case!r:.200}")
            elif added != [(login.strip(), desk, encoding)]:
                outcome = Outcome(WRONG, f"exit 0 but added {added} for {case!r:.160}")
            else:
                outcome = Outcome(ACCEPTED)
        tally.add("sip2 add-terminal (subprocess)", backend, outcome, f"{case!r:.120}")
    serial = itertools.count(1)
    login = st.one_of(st.builds(lambda n: f"kiosk{next(serial)}-{n}", st.integers(0, 99)),
                      st.sampled_from(["admin", "clerk", " kiosk ", "", "a b", "-h", "x" * 100,
                                       "櫃台自助機"]), argv_text)
    drive(examples, st.tuples(
        login, st.one_of(st.sampled_from(["MAIN-1", "LAW-1", "NOWHERE", ""]), argv_text),
        st.sampled_from([*TERMINAL_ENCODINGS, "latin-1", ""]),
        st.one_of(st.sampled_from(["a-long-terminal-secret", "short", "password1", None]),
                  argv_text),
        st.sampled_from([True, True, True, False])), one)


PATRON_COLUMNS = ["barcode", "name", "category", "expires", "email"]
ITEM_COLUMNS = ["barcode", "title", "item_type", "location", "price"]


def csv_boundary(tally: Tally, cli: Cli, backend: str, library: Library, examples: int) -> None:
    work = cli.work / f"csv-{backend}"
    work.mkdir()
    turn = [0]

    def one(case: tuple[str, list[str], list[list[str]]]) -> None:
        kind, header, rows = case
        turn[0] += 1
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        path = work / f"{turn[0]}.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        before = counts(library)
        done = cli("import", kind, str(path), "--url", library.url)
        outcome = cli_outcome(done, cli.language)
        table = "patrons" if kind == "patrons" else "items"
        grew = counts(library)[table] - before[table]
        broken = invariants(library)
        if broken:
            outcome = Outcome(WRONG, "; ".join(broken[:3]))
        elif outcome is None:
            whole = len([row for row in rows if any(cell.strip() for cell in row)])
            if grew != whole:
                outcome = Outcome(WRONG, f"imported {grew} of {whole} lines")
        elif outcome.kind == REFUSED and grew:
            outcome = Outcome(WRONG, f"a refused file added {grew} {table}")
        tally.add("CSV imports (import patrons, items)", backend, outcome or Outcome(ACCEPTED),
                  f"{kind} {header} {rows!r:.120}")
    serial = itertools.count(1)     # fresh barcodes, so good files can be imported
    cell = csv_cell(lambda n: f"Q{next(serial) * 100 + n:09d}")
    case = st.sampled_from(["patrons", "items"]).flatmap(lambda kind: st.tuples(
        st.just(kind),
        st.permutations(PATRON_COLUMNS if kind == "patrons" else ITEM_COLUMNS)
        .map(lambda names: names[:3]),
        st.lists(st.lists(cell, min_size=2, max_size=4), max_size=5)))
    name = st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=30).filter(
        lambda v: v.strip() == v)
    good_patrons = st.lists(st.builds(lambda n, who: [f"Q{next(serial) * 100 + n:09d}", who,
                                                      "student"], st.integers(1, 50), name),
                            min_size=1, max_size=4).map(
        lambda rows: ("patrons", ["barcode", "name", "category"], rows))
    good_items = st.lists(st.builds(lambda n, title, price: [
        f"Q{next(serial) * 100 + n:09d}", title, "book", "MAIN", str(price)],
        st.integers(1, 50), name, st.integers(0, 5000)), min_size=1, max_size=4).map(
        lambda rows: ("items", ITEM_COLUMNS, rows))
    drive(examples, st.one_of(case, good_patrons, good_items), one)


def journal_boundary(tally: Tally, cli: Cli, examples: int) -> None:
    from desk.circulation.offline.journal import JournalEntry
    work = cli.work / "journal"
    work.mkdir()
    turn = [0]
    start = datetime(2026, 11, 2, 10, tzinfo=timezone.utc)

    def one(case: tuple[int, list[str], int]) -> None:
        count, damage, cut = case
        turn[0] += 1
        entries = [JournalEntry(txn_id=f"t{turn[0]}-{n}", slip_no=f"MAIN-1-{n:06d}",
                                at=start + timedelta(minutes=n), kind="checkout",
                                item=f"B{n:03d}", patron="P001", desk="MAIN-1", staff="clerk")
                   for n in range(count)]
        whole = [entry.to_json().encode() + b"\n" for entry in entries]
        lines = list(whole)
        if "duplicate" in damage:
            lines.append(lines[cut % len(lines)])
        if "damaged line" in damage:
            lines.insert(cut % (len(lines) + 1), b"{not json\n")
        data = b"".join(lines)
        if "torn tail" in damage:               # a write cut short inside the last line
            keep = 1 + cut % (len(lines[-1]) - 2)
            data = data[:len(data) - len(lines[-1]) + keep]
        problems = bool(damage)
        unique = sum(1 for line in whole if line in data)     # entries written whole
        path = work / f"journal-{turn[0]}.jsonl"
        path.write_bytes(data)
        output = work / f"out-{turn[0]}.koc"
        done = cli("offline", "export", "--journal", str(path), "-o", str(output))
        outcome = cli_outcome(done, cli.language)
        exported = output.read_text(encoding="utf-8").count("\n") - 1 if output.exists() else 0
        if outcome is not None and outcome.kind == RAW:
            pass
        elif problems and done.returncode == 0:
            outcome = Outcome(WRONG, f"{damage}: exit 0 without a word")
        elif not problems and done.returncode != 0:
            outcome = Outcome(WRONG, f"a sound journal refused: {done.stderr[-200:]!r}")
        elif exported != unique:
            outcome = Outcome(WRONG, f"{damage}: exported {exported} of {unique} whole entries")
        elif outcome is None:
            outcome = Outcome(ACCEPTED)
        tally.add("offline journal (offline export)", "files",
                  outcome or Outcome(ACCEPTED), f"{count} entries, {damage}")
    drive(examples, st.tuples(
        st.integers(1, 8),
        st.lists(st.sampled_from(["duplicate", "damaged line", "torn tail"]), unique=True,
                 max_size=3),
        st.integers(0, 10_000)), one)


LOG = Base.metadata.tables[AuditEvent.__tablename__]
HEAD = Base.metadata.tables[AuditChainHead.__tablename__]
TAMPERS = ("none", "change a row", "delete a middle row", "delete the newest rows",
           "insert a row", "edit the head", "swap two rows")


@contextmanager
def restored(library: Library) -> Iterator[None]:
    """Put the audit log and its head back as they were (plain SQL, as the tamperer did)."""
    engine = create_engine(library.url)
    with engine.connect() as connection:
        log = [dict(row._mapping) for row in connection.execute(select(LOG))]
        head = [dict(row._mapping) for row in connection.execute(
            select(HEAD))]
    try:
        yield
    finally:
        with engine.begin() as connection:
            connection.execute(delete(LOG))
            connection.execute(delete(HEAD))
            connection.execute(insert(LOG), log)
            connection.execute(insert(HEAD), head)
        engine.dispose()


def tamper(library: Library, how: str, pick: int) -> int | None:
    """Do ``how`` to the audit log with plain SQL; the row it touched."""
    table = LOG
    engine = create_engine(library.url)
    try:
        with engine.begin() as connection:
            ids = [i for i, in connection.execute(select(table.c.id).order_by(table.c.id))]
            row = ids[1 + pick % (len(ids) - 2)]      # neither the first nor the last
            if how == "change a row":
                connection.execute(update(table).where(table.c.id == row)
                                   .values(action=table.c.action + "x"))
            elif how == "delete a middle row":
                connection.execute(delete(table).where(table.c.id == row))
            elif how == "delete the newest rows":
                row = ids[-1 - pick % 3]
                connection.execute(delete(table).where(table.c.id >= row))
            elif how == "insert a row":
                row = ids[-1] + 1
                connection.execute(insert(table).values(
                    id=row, at=datetime.now(timezone.utc), action="waive", outcome="done",
                    prev_hash="0" * 64, row_hash="f" * 64))
            elif how == "edit the head":
                connection.execute(update(HEAD).values(
                    row_count=HEAD.c.row_count + 1))
            elif how == "swap two rows":
                first, second = (connection.execute(select(table.c.action, table.c.outcome)
                                                    .where(table.c.id == i)).one()
                                 for i in (row, ids[-1]))
                if first == second:
                    return None
                for target, values in ((row, second), (ids[-1], first)):
                    connection.execute(update(table).where(table.c.id == target).values(
                        action=values[0], outcome=values[1]))
            else:
                return None
            return row
    finally:
        engine.dispose()


def audit_boundary(tally: Tally, cli: Cli, backend: str, library: Library,
                   examples: int) -> None:
    def one(case: tuple[str, int]) -> None:
        how, pick = case
        with restored(library):
            row = tamper(library, how, pick)
            done = cli("audit", "verify", "--url", library.url)
        outcome = cli_outcome(done, cli.language)
        if outcome is not None and outcome.kind == RAW:
            pass
        elif row is None:
            outcome = (Outcome(ACCEPTED) if done.returncode == 0 else
                       Outcome(WRONG, f"an intact log reported: {done.stdout[-200:]!r}"))
        elif done.returncode != 1:
            outcome = Outcome(WRONG, f"{how} (row {row}): exit {done.returncode} "
                                     f"{done.stdout[-200:]!r}")
        elif "row " not in (done.stdout + done.stderr):
            outcome = Outcome(RAW, f"{how}: exit 1 naming no row: {done.stdout[-200:]!r}")
        else:
            outcome = Outcome(REFUSED, (done.stdout + done.stderr).strip()[:200])
        tally.add("audit log (tamper, then audit verify)", backend, outcome, how)
    drive(examples, st.tuples(st.sampled_from(TAMPERS), st.integers(0, 10_000)), one)


# --- the table -------------------------------------------------------------------------------
def table(tally: Tally) -> str:
    lines = ["| boundary | backend | inputs tried | accepted (valid) | clear refusals | "
             "raw exceptions | wrong acceptances |", "|---|---|---:|---:|---:|---:|---:|"]
    total: Counter[str] = Counter()
    for (boundary, backend), found in tally.counts.items():
        tried = sum(found.values())
        total.update(found)
        lines.append(f"| {boundary} | {backend} | {tried:,} | {found[ACCEPTED]:,} | "
                     f"{found[REFUSED]:,} | {found[RAW]:,} | {found[WRONG]:,} |")
    lines.append(f"| **all** | | **{sum(total.values()):,}** | **{total[ACCEPTED]:,}** | "
                 f"**{total[REFUSED]:,}** | **{total[RAW]:,}** | **{total[WRONG]:,}** |")
    for (boundary, backend), found_list in tally.findings.items():
        lines.append("")
        lines.append(f"{boundary} ({backend}):")
        lines += [f"- `{finding}`" for finding in found_list]
    return "\n".join(lines) + "\n"


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=30,
                        help="inputs per boundary (the API: per method; settings: 4x)")
    parser.add_argument("--pg-url", default=os.environ.get("DESK_TEST_PG_URL"),
                        help="a PostgreSQL database to use (its schema is dropped)")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--out", type=Path, default=RESULTS / "boundaries",
                        help="results without the suffix (.json and .md are written)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    tally = Tally()
    work = Path(tempfile.mkdtemp(prefix="desk-boundaries-"))
    cli = Cli(work)
    backends = [("SQLite", f"sqlite:///{work / 'library.sqlite'}")]
    if args.pg_url and not args.no_pg:
        reset_postgres(args.pg_url)
        backends.append(("PostgreSQL", args.pg_url))
    try:
        for backend, url in backends:
            library = api_boundaries(tally, backend, url, args.examples)
            try:
                koc_boundary(tally, cli, backend, library, args.examples)
                csv_boundary(tally, cli, backend, library, args.examples)
                audit_boundary(tally, cli, backend, library, args.examples)
                sip2_boundary(tally, cli, backend, library, args.examples)
            finally:
                library.close()
        settings_boundaries(tally, cli, args.examples)
        url_boundary(tally, cli, backends[0][1], args.examples)
        journal_boundary(tally, cli, args.examples)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    markdown = table(tally)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".md").write_text(markdown, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps({
        "examples": args.examples, "seconds": round(time.perf_counter() - started, 1),
        "backends": [backend for backend, _ in backends],
        "boundaries": [{"boundary": boundary, "backend": backend, "tried": sum(found.values()),
                        **{kind: found[kind] for kind in KINDS},
                        "findings": tally.findings.get((boundary, backend), [])}
                       for (boundary, backend), found in tally.counts.items()]},
        indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(markdown)
    print(f"{time.perf_counter() - started:.0f} s; written to {args.out}.md and .json")
    bad = sum(found[RAW] + found[WRONG] for found in tally.counts.values())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
