"""RFID at the desk: library tags in the Danish data model (ISO 28560-3) read and secured
through a 3M 810 ISO 15693 reader on a serial port. Pure Python, no Qt, no circulation rules.

``datamodel``: the 32-byte tag codec (CRC checked). ``m810``: the reader's frames. ``reader``:
the serial driver (inventory, read/write blocks, write and verify the AFI). ``pad``: the
background worker that turns what lies on the pad into items, once each. The simulator is
``python -m desk.devices.sim rfid``.
"""

from desk.devices.rfid.datamodel import BlankTag, LibraryTag, TagDataError, Usage, decode, encode
from desk.devices.rfid.pad import PadItem, RfidPadWorker
from desk.devices.rfid.reader import RfidError, RfidReader, TagFailed

__all__ = ["BlankTag", "LibraryTag", "PadItem", "RfidError", "RfidPadWorker", "RfidReader",
           "TagDataError", "TagFailed", "Usage", "decode", "encode"]
