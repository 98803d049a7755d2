"""Reads the settings file (TOML in the user config directory) and environment overrides.

Every setting is declared in ``desk.configdata``. An environment variable ``DESK_<NAME>``
(upper case) overrides the file, e.g. ``DESK_DATABASE_URL``. Unknown keys and values of the
wrong type are reported as ``ConfigError`` with the file and key, never ignored.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from desk.configdata import BY_NAME, SETTINGS, Setting

APP_NAME = "circulation-desk"


class ConfigError(ValueError):
    """A settings file or environment value that does not match its declaration."""


def config_path() -> Path:
    """Where the settings file lives (``DESK_CONFIG`` overrides it)."""
    override = os.environ.get("DESK_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml"


def data_dir() -> Path:
    """The user data directory holding the embedded database (``DESK_DATA_DIR`` overrides it)."""
    override = os.environ.get("DESK_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    if setting.type is bool and isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("1", "true", "yes", "on"):
            value = True
        elif lowered in ("0", "false", "no", "off"):
            value = False
    elif setting.type is int and isinstance(value, str):
        try:
            value = int(value)
        except ValueError as exc:
            raise ConfigError(f"{origin}: {setting.name} must be an integer, got {value!r}") from exc
    elif setting.type is list and isinstance(value, str):
        value = json.loads(value) if value.strip().startswith("[") else [
            part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, setting.type) or (setting.type is int and isinstance(value, bool)):
        raise ConfigError(
            f"{origin}: {setting.name} must be {setting.type.__name__}, got {value!r}")
    if setting.choices is not None and value not in setting.choices:
        raise ConfigError(f"{origin}: {setting.name} must be one of {setting.choices}, got {value!r}")
    return value


class Config:
    """The effective settings: declared defaults, then the file, then the environment."""

    def __init__(self, values: dict[str, Any] | None = None, path: Path | None = None) -> None:
        self.path = path
        self._values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
        for name, value in (values or {}).items():
            self.set(name, value, origin="settings")

    @classmethod
    def load(cls, path: Path | None = None,
             environ: Mapping[str, str] | None = None) -> "Config":
        path = path or config_path()
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        if path.exists():
            try:
                values = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: not a valid TOML settings file: {exc}") from exc
        config = cls(path=path)
        for name, value in values.items():
            config.set(name, value, origin=str(path))
        for setting in SETTINGS:
            env_name = f"DESK_{setting.name.upper()}"
            if env_name in environ:
                config.set(setting.name, environ[env_name], origin=env_name)
        return config

    def get(self, name: str) -> Any:
        if name not in BY_NAME:
            raise KeyError(name)
        return self._values[name]

    def __getitem__(self, name: str) -> Any:
        return self.get(name)

    def set(self, name: str, value: Any, *, origin: str = "settings") -> None:
        setting = BY_NAME.get(name)
        if setting is None:
            raise ConfigError(f"{origin}: unknown setting {name!r}")
        self._values[name] = _coerce(setting, value, origin)

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def save(self, path: Path | None = None) -> Path:
        """Write the settings that differ from their defaults to the TOML file."""
        path = path or self.path or config_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        changed = {s.name: self._values[s.name] for s in SETTINGS
                   if self._values[s.name] != s.default}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(tomli_w.dumps(changed), encoding="utf-8")
        os.replace(tmp, path)
        self.path = path
        return path
