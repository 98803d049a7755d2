"""Reusable widgets of the desk screens (patron panel, route banner, refusal box, ...)."""
