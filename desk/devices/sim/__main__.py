"""Device simulators anyone can run: ``python -m desk.devices.sim scanner|strip|printer``.

scanner  opens a pseudo-terminal, prints the port to configure, then sends each line typed on
         stdin (or each line of ``--script``) as a scan, framed as configured. Lines ``!noise``,
         ``!sleep S``, ``!unplug`` and ``!replug`` do what they say.
strip    opens a pseudo-terminal and answers the strip unit's commands; type ``ok``, ``fail``,
         ``timeout`` or ``garbage`` on stdin to change what it does.
printer  takes ESC/POS on a pseudo-terminal (``--pty``) or on TCP (default 127.0.0.1:9100),
         renders each job to text and PNG in ``--out``; type ``paper-out``, ``paper-in``,
         ``cover-open`` or ``cover-closed`` on stdin.
Command strings accept backslash escapes (``--desensitize 'D\\r'``).
"""

from __future__ import annotations

import argparse
import codecs
import sys
import time
from pathlib import Path

from desk.devices.sim.printer import PrinterSimulator
from desk.devices.sim.pty_port import PtyPort
from desk.devices.sim.scanner import ScannerSimulator
from desk.devices.sim.strip import MODES, StripSimulator


def unescape(text: str) -> str:
    return codecs.decode(text, "unicode_escape")


def say(text: str) -> None:
    print(text, flush=True)


def run_scanner(args: argparse.Namespace) -> int:
    port = PtyPort(args.link)
    sim = ScannerSimulator(port, terminator=args.terminator, prefix=unescape(args.prefix), aim=args.aim,
                           codabar=args.codabar, noise_rate=args.noise)
    say(f"scanner port: {port.path}")
    try:
        if args.script:
            time.sleep(args.delay)
            say(f"sent {sim.run_script_file(args.script, args.interval)} barcode(s)")
            time.sleep(args.linger)
        else:
            for line in sys.stdin:
                sim.run_script([line])
                say(f"sent {line.strip()}")
    finally:
        port.close()
    return 0


def run_strip(args: argparse.Namespace) -> int:
    port = PtyPort(args.link)
    sim = StripSimulator(port, unescape(args.desensitize), unescape(args.resensitize), unescape(args.ack),
                         unescape(args.nak), args.mode)
    sim.start()
    say(f"strip port: {port.path}")
    seen = 0
    try:
        for line in sys.stdin:
            word = line.strip()
            if word in MODES:
                sim.mode = word
                say(f"mode: {word}")
            actions = sim.actions
            for action in actions[seen:]:
                say(f"received: {action}")
            seen = len(actions)
    finally:
        sim.stop()
        port.close()
    return 0


def run_printer(args: argparse.Namespace) -> int:
    sim = PrinterSimulator(output_dir=Path(args.out))
    if args.pty:
        say(f"printer port: {sim.start_pty(args.link)}")
    else:
        say(f"printer listening on {args.host}:{sim.start_tcp(args.host, args.port)}")
    switches = {"paper-out": ("paper_out", True), "paper-in": ("paper_out", False),
                "cover-open": ("cover_open", True), "cover-closed": ("cover_open", False)}
    shown = 0
    try:
        for line in sys.stdin:
            word = line.strip()
            if word in switches:
                setattr(sim, *switches[word])
                say(word)
            for job in sim.jobs[shown:]:
                say(f"--- job {job.number} ({job.png}) ---\n{job.text}")
            shown = len(sim.jobs)
    finally:
        sim.stop()
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m desk.devices.sim", description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="device", required=True)
    scanner = sub.add_parser("scanner", help="a serial barcode scanner")
    scanner.add_argument("--link", help="a stable path (symlink) for the port")
    scanner.add_argument("--terminator", default="CR", choices=["CR", "LF", "CRLF"])
    scanner.add_argument("--prefix", default="")
    scanner.add_argument("--aim", default="", help="AIM symbology identifier to send, e.g. ]F0")
    scanner.add_argument("--codabar", action="store_true", help="frame codes with Codabar A...B")
    scanner.add_argument("--noise", type=float, default=0.0, help="chance of a garbage line per scan")
    scanner.add_argument("--script", help="a file of barcodes, one per line")
    scanner.add_argument("--delay", type=float, default=3.0, help="seconds before the script starts")
    scanner.add_argument("--interval", type=float, default=0.5, help="seconds between scripted scans")
    scanner.add_argument("--linger", type=float, default=1.0, help="seconds to keep the port after a script")
    strip = sub.add_parser("strip", help="a serial security-strip unit")
    strip.add_argument("--link")
    strip.add_argument("--desensitize", default="D\\r")
    strip.add_argument("--resensitize", default="R\\r")
    strip.add_argument("--ack", default="OK\\r\\n")
    strip.add_argument("--nak", default="NG\\r\\n")
    strip.add_argument("--mode", default="ok", choices=MODES)
    printer = sub.add_parser("printer", help="an ESC/POS receipt printer")
    printer.add_argument("--pty", action="store_true", help="a pseudo-terminal instead of TCP")
    printer.add_argument("--link")
    printer.add_argument("--host", default="127.0.0.1")
    printer.add_argument("--port", type=int, default=9100)
    printer.add_argument("--out", default="printer-sim-out")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    runner = {"scanner": run_scanner, "strip": run_strip, "printer": run_printer}[args.device]
    try:
        return runner(args)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
