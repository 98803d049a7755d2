"""The exceptions a vanishing serial port raises through pyserial.

pyserial wraps most failures in ``SerialException`` but lets some through: ``OSError`` (EIO from
``in_waiting`` on an unplugged adapter or a closed pseudo-terminal) and ``termios.error`` (from
``flush``/``tcdrain``). Catch ``PORT_ERRORS`` wherever a port may disappear.
"""

from __future__ import annotations

import serial

try:
    import termios
except ImportError:  # Windows
    PORT_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError)
else:
    PORT_ERRORS = (serial.SerialException, OSError, termios.error)
