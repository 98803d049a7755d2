"""Device simulators anyone can run: ``python -m desk.devices.sim scanner|strip|printer|rfid``.

scanner  opens its port, prints what to configure, then sends each line typed on stdin (or
         each line of ``--script``) as a scan, framed as configured. Lines ``!noise``,
         ``!sleep S``, ``!unplug`` and ``!replug`` do what they say.
strip    opens its port and answers the strip unit's commands; type ``ok``, ``fail``,
         ``timeout`` or ``garbage`` on stdin to change what it does.
printer  takes ESC/POS on TCP like a network printer (``--tcp [HOST:]PORT``, default
         127.0.0.1:9100; the desk's ``tcp://HOST:9100``) or on a pseudo-terminal (``--pty``),
         renders each job to text and PNG in ``--out``; type ``paper-out``, ``paper-in``,
         ``cover-open`` or ``cover-closed`` on stdin.
rfid     a 3M 810 RFID reader with a pad of virtual tags; type ``help`` on stdin for the
         commands (``place BARCODE [PART/PARTS]``, ``card``, ``blank``, ``damaged``, ``lift``…).
The scanner's, the strip unit's and the RFID reader's port is a TCP socket with ``--tcp [HOST:]PORT`` (any
platform, Windows included: set the desk's port to the ``socket://HOST:PORT`` printed; port 0
picks a free one), else a pseudo-terminal (Linux and macOS; ``--link`` gives it a stable path).
Command strings accept backslash escapes (``--desensitize 'D\\r'``).
"""

from __future__ import annotations

import argparse
import codecs
import sys
import time
from pathlib import Path

from desk.devices.sim.link import Link
from desk.devices.sim.printer import PrinterSimulator
from desk.devices.sim.rfid import COMMANDS, RfidSimulator
from desk.devices.sim.scanner import ScannerSimulator
from desk.devices.sim.strip import MODES, StripSimulator
from desk.devices.sim.tcp_port import TcpPort, parse_address


def unescape(text: str) -> str:
    return codecs.decode(text, "unicode_escape")


def say(text: str) -> None:
    print(text, flush=True)


def open_link(args: argparse.Namespace) -> Link:
    """The TCP socket of ``--tcp``, else a pseudo-terminal (imported only then: POSIX only)."""
    if args.tcp is not None:
        return TcpPort(*args.tcp)
    if args.link is not None or sys.platform != "win32":
        from desk.devices.sim.pty_port import PtyPort
        return PtyPort(args.link)
    raise SystemExit("Windows has no pseudo-terminals: use --tcp [HOST:]PORT")


def run_scanner(args: argparse.Namespace) -> int:
    port = open_link(args)
    sim = ScannerSimulator(port, terminator=args.terminator, prefix=unescape(args.prefix), aim=args.aim,
                           codabar=args.codabar, noise_rate=args.noise)
    say(f"scanner port: {port.path}")
    try:
        if args.script:
            time.sleep(args.delay)
            if isinstance(port, TcpPort) and not port.wait_for_desk(args.wait):
                say(f"no desk connected to {port.path} within {args.wait:g} s")
                return 1
            say(f"sent {sim.run_script_file(args.script, args.interval)} barcode(s)")
            time.sleep(args.linger)
        else:
            for line in sys.stdin:
                try:
                    sim.run_script([line])
                except OSError as error:       # no desk connected to the TCP port yet
                    say(f"not sent: {error}")
                else:
                    say(f"sent {line.strip()}")
    finally:
        port.close()
    return 0


def run_strip(args: argparse.Namespace) -> int:
    port = open_link(args)
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


def run_rfid(args: argparse.Namespace) -> int:
    port = open_link(args)
    sim = RfidSimulator(port)
    sim.start()
    say(f"rfid port: {port.path}")
    say(COMMANDS)
    try:
        for command in args.place or ():
            say(sim.run_command(f"place {command}"))
        for line in sys.stdin:
            say(sim.run_command(line))
    finally:
        sim.stop()
        port.close()
    return 0


def run_printer(args: argparse.Namespace) -> int:
    sim = PrinterSimulator(output_dir=Path(args.out))
    if args.pty:
        say(f"printer port: {sim.start_pty(args.link)}")
    else:
        host, port = args.tcp if args.tcp is not None else (args.host, args.port)
        say(f"printer listening on {host}:{sim.start_tcp(host, port)}")
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


def tcp_address(text: str) -> tuple[str, int]:
    try:
        return parse_address(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m desk.devices.sim", description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="device", required=True)
    scanner = sub.add_parser("scanner", help="a serial barcode scanner")
    scanner.add_argument("--tcp", metavar="[HOST:]PORT", type=tcp_address,
                         help="serve on TCP (the desk opens socket://HOST:PORT) instead of a "
                              "pseudo-terminal")
    scanner.add_argument("--link", help="a stable path (symlink) for the pseudo-terminal")
    scanner.add_argument("--terminator", default="CR", choices=["CR", "LF", "CRLF"])
    scanner.add_argument("--prefix", default="")
    scanner.add_argument("--aim", default="", help="AIM symbology identifier to send, e.g. ]F0")
    scanner.add_argument("--codabar", action="store_true", help="frame codes with Codabar A...B")
    scanner.add_argument("--noise", type=float, default=0.0, help="chance of a garbage line per scan")
    scanner.add_argument("--script", help="a file of barcodes, one per line")
    scanner.add_argument("--delay", type=float, default=3.0, help="seconds before the script starts")
    scanner.add_argument("--interval", type=float, default=0.5, help="seconds between scripted scans")
    scanner.add_argument("--wait", type=float, default=60.0,
                         help="with --tcp and --script: seconds to wait for the desk to connect")
    scanner.add_argument("--linger", type=float, default=1.0, help="seconds to keep the port after a script")
    strip = sub.add_parser("strip", help="a serial security-strip unit")
    strip.add_argument("--tcp", metavar="[HOST:]PORT", type=tcp_address,
                       help="serve on TCP (the desk opens socket://HOST:PORT)")
    strip.add_argument("--link", help="a stable path (symlink) for the pseudo-terminal")
    strip.add_argument("--desensitize", default="D\\r")
    strip.add_argument("--resensitize", default="R\\r")
    strip.add_argument("--ack", default="OK\\r\\n")
    strip.add_argument("--nak", default="NG\\r\\n")
    strip.add_argument("--mode", default="ok", choices=MODES)
    rfid = sub.add_parser("rfid", help="a 3M 810 RFID reader with a pad of virtual tags")
    rfid.add_argument("--tcp", metavar="[HOST:]PORT", type=tcp_address,
                      help="serve on TCP (the desk opens socket://HOST:PORT)")
    rfid.add_argument("--link", help="a stable path (symlink) for the pseudo-terminal")
    rfid.add_argument("--place", action="append", metavar="'BARCODE [PART/PARTS]'",
                      help="a tag on the pad from the start (repeatable)")
    printer = sub.add_parser("printer", help="an ESC/POS receipt printer")
    printer.add_argument("--tcp", metavar="[HOST:]PORT", type=tcp_address,
                         help="listen on TCP like a network printer (default 127.0.0.1:9100)")
    printer.add_argument("--pty", action="store_true", help="a pseudo-terminal instead of TCP")
    printer.add_argument("--link")
    printer.add_argument("--host", default="127.0.0.1")
    printer.add_argument("--port", type=int, default=9100)
    printer.add_argument("--out", default="printer-sim-out")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    runner = {"scanner": run_scanner, "strip": run_strip, "printer": run_printer,
              "rfid": run_rfid}[args.device]
    try:
        return runner(args)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
