"""The notice outbox: queue a notice in the event's own transaction (``queue_notice``),
generate the courtesy and overdue reminders (``reminders``), and deliver what is pending
exactly once (``sender``, with the SMTP transport of ``smtp``)."""

from desk.circulation.outbox.queue import queue_notice

__all__ = ["queue_notice"]
