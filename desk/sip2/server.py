"""The SIP2 TCP server: many terminals at once on one asyncio loop, their database work in a
thread pool.

Each connection reads CR-terminated frames (a CR LF ending is accepted). A frame that is not
a message — a wrong checksum (or none, from a terminal that sent checksums before), text its
encoding cannot read, an unknown code, a field too long, a frame longer than
``MAX_FRAME_BYTES`` — is answered with 96 (resend) and logged, and the connection goes on; 97
gets the last reply again. A message begun must end within the message timeout and a
connection with no message for the idle timeout is closed; beyond ``max_connections`` a new
connection is closed at once. A client that disconnects mid-message only ends its own
connection. TLS when a certificate and key are set.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from desk.circulation.library import Library
from desk.sip2.codec import MalformedMessage, UnknownMessage, checksum, decode, encode
from desk.sip2.session import NotSignedIn, ServerRules, Sip2Session

log = logging.getLogger(__name__)

MAX_FRAME_BYTES = 4096     # a request is a few hundred bytes; five 255-character fields fit
RESEND = b"96AZ" + checksum(b"96AZ").encode("ascii") + b"\r"


class FrameTooLong(Exception):
    """A frame longer than ``MAX_FRAME_BYTES`` (skipped to its CR)."""

    def __init__(self, length: int) -> None:
        super().__init__(f"a frame of {length} bytes")
        self.length = length


@dataclass(frozen=True)
class ServerSettings:
    """Where and how the server listens (from the settings ``sip_*``)."""

    host: str = "127.0.0.1"
    port: int = 6001
    max_connections: int = 64
    message_timeout: float = 10.0
    idle_timeout: float = 600.0
    workers: int = 8
    tls_certificate: str = ""
    tls_key: str = ""
    rules: ServerRules = field(default_factory=ServerRules)

    def tls_context(self) -> ssl.SSLContext | None:
        """The TLS context of the certificate and key, or None (plain TCP). ``ValueError``
        when only one is set; ``OSError``/``ssl.SSLError`` when they cannot be read."""
        if bool(self.tls_certificate) != bool(self.tls_key):
            raise ValueError("set both sip_tls_certificate and sip_tls_key, or neither")
        if not self.tls_certificate:
            return None
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(self.tls_certificate, self.tls_key)
        return context


class Sip2Server:
    """Serves SIP2 for ``library`` (see the module docstring)."""

    def __init__(self, library: Library, settings: ServerSettings) -> None:
        self.library = library
        self.settings = settings
        self.connections = 0
        self._pool = ThreadPoolExecutor(max_workers=settings.workers,
                                        thread_name_prefix="sip2")
        self._server: asyncio.Server | None = None

    async def start(self) -> tuple[str, int]:
        """Listen; the address actually bound (port 0 picks a free one)."""
        self._server = await asyncio.start_server(
            self._connection, self.settings.host, self.settings.port,
            limit=MAX_FRAME_BYTES, ssl=self.settings.tls_context())
        host, port = self._server.sockets[0].getsockname()[:2]
        return str(host), int(port)

    async def serve_forever(self) -> None:
        assert self._server is not None
        async with self._server:
            await self._server.serve_forever()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
        self._pool.shutdown(wait=True, cancel_futures=True)

    # --- one connection ---------------------------------------------------------------------
    async def _connection(self, reader: asyncio.StreamReader,
                          writer: asyncio.StreamWriter) -> None:
        peer = _peer(writer.get_extra_info("peername"))
        if self.connections >= self.settings.max_connections:
            log.warning("SIP2 %s: refused, %d connections already", peer, self.connections)
            await _close(writer)
            return
        self.connections += 1
        session = Sip2Session(self.library, self.settings.rules)
        try:
            await self._converse(reader, writer, session, peer)
        except (ConnectionError, ssl.SSLError) as exc:
            log.info("SIP2 %s: connection lost: %s", peer, exc)
        except asyncio.CancelledError:
            # the server is stopping: this connection task is the outermost, nothing awaits it
            log.info("SIP2 %s: closed, the server is stopping", peer)
        finally:
            self.connections -= 1
            session.close()
            await _close(writer)

    async def _converse(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                        session: Sip2Session, peer: str) -> None:
        last_reply: bytes | None = None
        checksums = False   # once a terminal sends checksums, a message without one is damaged
        loop = asyncio.get_running_loop()
        while True:
            try:
                frame = await self._read_frame(reader, peer)
            except FrameTooLong as exc:
                log.warning("SIP2 %s: a frame of %d bytes, longer than %d: answered 96", peer,
                            exc.length, MAX_FRAME_BYTES)
                await _send(writer, RESEND)
                continue
            if frame is None:
                return
            if not frame.strip(b"\r\n"):
                continue   # the LF of a CR LF ending, or an empty line
            try:
                message = decode(frame, session.encoding)
            except UnknownMessage as exc:
                log.warning("SIP2 %s: %s: answered 96", peer, exc.reason)
                await _send(writer, RESEND)
                continue
            except MalformedMessage as exc:
                # The frame itself is not logged: a login carries a password.
                log.warning("SIP2 %s: malformed message (%s, %d bytes): answered 96", peer,
                            exc.reason, len(frame))
                await _send(writer, RESEND)
                continue
            if checksums and not message.checksummed:
                log.warning("SIP2 %s: message %s without its checksum: answered 96", peer,
                            message.code)
                await _send(writer, RESEND)
                continue
            checksums = checksums or message.checksummed
            if message.code == "97":
                await _send(writer, last_reply or RESEND)
                continue
            try:
                reply = await loop.run_in_executor(self._pool, session.handle, message)
            except NotSignedIn:
                log.warning("SIP2 %s: message %s before a login: connection closed", peer,
                            message.code)
                return
            data = encode(reply.code, reply.fixed, reply.fields, encoding=session.encoding,
                          sequence=message.sequence, with_checksum=message.checksummed)
            last_reply = data
            await _send(writer, data)

    async def _read_frame(self, reader: asyncio.StreamReader, peer: str) -> bytes | None:
        """The next frame up to its CR; None when the connection should end (closed by the
        client, idle, or a message that does not end in time); ``FrameTooLong``."""
        try:
            first = await asyncio.wait_for(reader.read(1), self.settings.idle_timeout)
        except asyncio.TimeoutError:
            log.info("SIP2 %s: idle for %ss: closed", peer, self.settings.idle_timeout)
            return None
        if not first:
            return None
        if first == b"\r":
            return first
        try:
            rest = await asyncio.wait_for(self._until_cr(reader), self.settings.message_timeout)
        except asyncio.TimeoutError:
            log.warning("SIP2 %s: a message did not end within %ss: closed", peer,
                        self.settings.message_timeout)
            return None
        except asyncio.IncompleteReadError as exc:
            log.warning("SIP2 %s: disconnected in the middle of a message (%d bytes)", peer,
                        len(exc.partial) + 1)
            return None
        return first + rest

    @staticmethod
    async def _until_cr(reader: asyncio.StreamReader) -> bytes:
        """Bytes up to and including CR; ``FrameTooLong`` (once skipped to its CR) for a
        frame longer than ``MAX_FRAME_BYTES``."""
        try:
            return await reader.readuntil(b"\r")
        except asyncio.LimitOverrunError as exc:
            skipped = exc.consumed
            await reader.readexactly(exc.consumed)
            while True:
                try:
                    skipped += len(await reader.readuntil(b"\r"))
                    raise FrameTooLong(skipped)
                except asyncio.LimitOverrunError as more:
                    skipped += more.consumed
                    await reader.readexactly(more.consumed)


def _peer(name: Any) -> str:
    if isinstance(name, tuple) and len(name) >= 2:
        return f"{name[0]}:{name[1]}"
    return str(name)


async def _send(writer: asyncio.StreamWriter, data: bytes) -> None:
    writer.write(data)
    await writer.drain()


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    try:
        await writer.wait_closed()
    except (ConnectionError, ssl.SSLError, OSError) as exc:
        log.debug("SIP2: closing a connection: %s", exc)


__all__ = ["MAX_FRAME_BYTES", "RESEND", "ServerSettings", "Sip2Server"]
