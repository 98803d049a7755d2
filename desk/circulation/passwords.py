"""Passwords: the argon2 hasher and the password policy of staff accounts.

A password is weak (``weak_password``) when it is shorter than ``MIN_LENGTH`` characters, is
the login (in any case), or is in the list of common passwords shipped beside this module
(``common_passwords.txt``, compared in lower case). The demo library, whose passwords are
printed in the README, is exempt (``desk.models.marks.DEMO``)."""

from __future__ import annotations

import functools
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk.circulation.notices import CirculationRefused
from desk.wording import text

MIN_LENGTH = 8
# Longer than any pass phrase typed at a counter; argon2 would hash megabytes happily.
MAX_LENGTH = 200

hasher = PasswordHasher()


@functools.cache
def dummy_hash() -> str:
    """Verifying against this keeps a wrong login as slow as a wrong password (made on first
    use: hashing is deliberately slow and would delay start-up)."""
    return hasher.hash("not a password")


@functools.cache
def common_passwords() -> frozenset[str]:
    text = resources.files("desk.circulation").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def weakness(password: str, login: str) -> str | None:
    """Why ``password`` is too weak for ``login`` (a wording code's ``why``), or ``None``."""
    if len(password) < MIN_LENGTH:
        return "short"
    if password.strip().casefold() == login.strip().casefold():
        return "login"
    if password.casefold() in common_passwords():
        return "common"
    return None


def check_password(password: object, login: str, *, enforce: bool) -> str:
    """``password`` if it may be set for ``login``, else ``CirculationRefused``
    (``password_invalid`` for what is no password at all, ``weak_password`` when ``enforce``
    and it fails the policy)."""
    if not isinstance(password, str) or not password or len(password) > MAX_LENGTH \
            or "\x00" in password or not _encodable(password):
        raise CirculationRefused.one("password_invalid", limit=MAX_LENGTH)
    if enforce:
        why = weakness(password, login)
        if why is not None:
            raise CirculationRefused.one("weak_password", why=text(_WHY[why], length=MIN_LENGTH),
                                         rule=why)
    return password


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify(password_hash: str | None, password: object) -> bool:
    """Whether ``password`` matches ``password_hash`` (``None``: no such user; the check then
    takes as long as a real one). Anything but a string matches nothing, nor does text that
    is not Unicode (a lone surrogate cannot be encoded for the hash, and no password holds
    one: ``check_password`` refuses it)."""
    given = password if isinstance(password, str) and _encodable(password) else ""
    try:
        return hasher.verify(password_hash or dummy_hash(), given) and given == password
    except (VerificationError, InvalidHashError):
        return False


def _encodable(password: str) -> bool:
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def needs_rehash(password_hash: str) -> bool:
    return hasher.check_needs_rehash(password_hash)


# the wording code naming each weakness
_WHY = {"short": "weak_password_short", "login": "weak_password_login",
        "common": "weak_password_common"}
