"""Counter hardware: barcode scanners, security-strip units, the RFID pad (``rfid``), receipt
printers, and simulators.

Knows nothing of circulation rules and never imports ``desk.circulation``, ``desk.models`` or
``desk.ui``. Qt appears only where a signal is needed (``scanner.qt_scanner``, ``hub``).
Build devices from settings with ``desk.devices.registry``; the app talks to ``hub.DeviceHub``.
"""
