"""The PySide6 desk: windows, screens and the wiring between them (DESIGN.md section 2).

Shows state and forwards user intent; no circulation rules live here.
"""
