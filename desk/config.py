"""Reads the settings file (TOML in the user config directory) and environment overrides.

Every setting is declared in ``desk.configdata``. An environment variable ``DESK_<NAME>``
(upper case) overrides the file, e.g. ``DESK_DATABASE_URL``. Unknown keys, values of the wrong
type and values outside a setting's range (its ``check``) are reported as ``ConfigError`` with
the file and key, never ignored: ``Config.load`` checks every value and reports them all, one
message per bad value (``ConfigError.problems``), and a settings file that cannot be read (a
directory, no permission, not UTF-8, not TOML) is one message too. Messages are in the
wording's current language (``desk.wording``).
"""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from desk.configdata import BY_NAME, SETTINGS, Setting
from desk.wording import text

APP_NAME = "circulation-desk"


class ConfigError(ValueError):
    """A settings file or environment value that does not match its declaration. ``problems``
    holds one message per bad value (the text of the error is them, one per line)."""

    def __init__(self, *problems: str) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(problems))


def _shown(value: Any) -> str:
    """A value as a message quotes it: never a whole 10 MB string."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
    where = f"{origin}: {setting.name}"
    if setting.type is bool and isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("1", "true", "yes", "on"):
            value = True
        elif lowered in ("0", "false", "no", "off"):
            value = False
    elif setting.type is int and isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise ConfigError(text("config_not_integer", where=where,
                                   value=_shown(value))) from None
    elif setting.type is list and isinstance(value, str):
        try:
            value = json.loads(value) if value.strip().startswith("[") else [
                part.strip() for part in value.split(",") if part.strip()]
        except ValueError:
            raise ConfigError(text("config_not_list", where=where,
                                   value=_shown(value))) from None
    if not isinstance(value, setting.type) or (setting.type is int and isinstance(value, bool)):
        raise ConfigError(text("config_wrong_type", where=where,
                               wanted=text(_TYPE_NAMES[setting.type]), value=_shown(value)))
    if setting.choices is not None and value not in setting.choices:
        raise ConfigError(text("config_not_a_choice", where=where,
                               choices=", ".join(map(str, setting.choices)),
                               value=_shown(value)))
    if setting.check is not None:
        allowed = setting.check(value)
        if allowed is not None:
            raise ConfigError(text("config_out_of_range", where=where, allowed=allowed,
                                   value=_shown(value)))
    return value


_TYPE_NAMES = {bool: "config_type_bool", int: "config_type_int", str: "config_type_str",
               list: "config_type_list"}     # wording codes


def read_settings_file(path: Path) -> dict[str, Any]:
    """The TOML table of ``path`` (``{}`` when there is no file); ``ConfigError`` when it is
    a directory, cannot be read, is not UTF-8 or not TOML."""
    try:
        if path.is_dir():
            raise ConfigError(text("config_is_folder", path=path))
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(text("config_unreadable", path=path,
                               detail=exc.strerror or exc)) from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(text("config_not_utf8", path=path, byte=exc.start + 1)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(text("config_not_toml", path=path, detail=exc)) from None


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
        values = read_settings_file(path)
        config = cls(path=path)
        problems: list[str] = []
        for name, value in values.items():
            try:
                config.set(name, value, origin=str(path))
            except ConfigError as error:
                problems += error.problems
        for setting in SETTINGS:
            env_name = f"DESK_{setting.name.upper()}"
            if env_name in environ:
                try:
                    config.set(setting.name, environ[env_name], origin=env_name)
                except ConfigError as error:
                    problems += error.problems
        if problems:
            raise ConfigError(*problems)
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
            close = difflib.get_close_matches(str(name), BY_NAME, n=1)
            if close:
                raise ConfigError(text("config_unknown_close", where=origin,
                                       name=_shown(name), close=close[0]))
            raise ConfigError(text("config_unknown", where=origin, name=_shown(name)))
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
