"""The staff objects a library issued from a sign-in in this process, and nothing else.

``Library.sign_in`` and ``Library.authorize`` register each ``StaffUser`` they return here.
Approvals (``supervisor=``, ``Override.supervisor``) and desk sessions accept a staff object
only when it is one of these very objects (identity, not equality or the id it carries) and
still carries the id it was issued with: a ``StaffUser(id=boss.id)`` built by hand, a row loaded
from the database, a copy or an unpickled object were never issued and are refused, and an
issued clerk whose ``id`` was changed to the boss's no longer matches.

Objects are held weakly: an issued object that nobody keeps disappears from the registry,
and ``revoke`` (``Library.sign_out``) ends one before that."""

from __future__ import annotations

import threading
import weakref

from desk.models import StaffUser


class IssuedStaff:
    """The registry of one library's issued staff objects (thread-safe)."""

    def __init__(self) -> None:
        # id(object) -> (a weak reference to it, the staff id it was issued with)
        self._issued: dict[int, tuple[weakref.ref[StaffUser], int]] = {}
        self._lock = threading.Lock()

    def issue(self, user: StaffUser) -> StaffUser:
        key = id(user)

        def forget(_: object) -> None:
            with self._lock:
                entry = self._issued.get(key)
                if entry is not None and entry[0]() is None:
                    del self._issued[key]

        with self._lock:
            self._issued[key] = (weakref.ref(user, forget), user.id)
        return user

    def revoke(self, user: object) -> None:
        with self._lock:
            entry = self._issued.get(id(user))
            if entry is not None and entry[0]() is user:
                del self._issued[id(user)]

    def staff_id(self, user: object) -> int | None:
        """The staff id ``user`` was issued with, if it is an issued object still carrying
        that id; else ``None``."""
        with self._lock:
            entry = self._issued.get(id(user))
        if entry is None or entry[0]() is not user:
            return None
        return entry[1] if getattr(user, "id", None) == entry[1] else None

    def __len__(self) -> int:
        with self._lock:
            return sum(1 for ref, _ in self._issued.values() if ref() is not None)


__all__ = ["IssuedStaff"]
