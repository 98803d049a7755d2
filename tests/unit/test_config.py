"""Every setting is declared once, with a default of its declared type; file and environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.circulation.policy import Policy
from desk.config import Config, ConfigError
from desk.configdata import SETTINGS

EXPECTED_DEFAULTS = {
    "database_url": "", "desk": "MAIN-1", "language": "system", "timezone": "Asia/Taipei",
    "currency": "TWD", "check_digits": True, "max_outstanding_fines": 0,
    "holds_shelf_open_days": 7, "lost_deadline_months_domestic": 1,
    "lost_deadline_months_foreign": 3, "lost_late_fee_per_day": 5, "lost_late_fee_cap": 1000,
    "lost_handling_fee": 100, "long_overdue_days": 30,
    "payment_methods": ["cash", "easycard"], "max_amount": 100_000_000,
    "history_keep_days": 180, "reserve_item_types": ["reserve"],
    "search_reply_open_days": 5, "search_hold_days": 10, "retrieval_pickup_open_days": 7,
    "reading_due_time": "21:30",
}


def test_every_setting_has_a_doc_and_a_default_of_its_type() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    for setting in SETTINGS:
        assert setting.doc.strip(), setting.name
        assert isinstance(setting.default, setting.type), setting.name
        if setting.choices:
            assert setting.default in setting.choices


def test_policy_defaults_match_the_sop() -> None:
    config = Config()
    for name, value in EXPECTED_DEFAULTS.items():
        assert config.get(name) == value, name
    policy = Policy.from_config(config)
    assert policy == Policy()


def test_file_and_environment(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('desk = "LAW-1"\nmax_outstanding_fines = 50\n', encoding="utf-8")
    config = Config.load(path, environ={"DESK_CHECK_DIGITS": "off", "DESK_DESK": "SOC-1"})
    assert config["desk"] == "SOC-1"
    assert config["max_outstanding_fines"] == 50
    assert config["check_digits"] is False


def test_save_roundtrip(tmp_path: Path) -> None:
    config = Config()
    config.set("language", "zh_TW")
    path = config.save(tmp_path / "s.toml")
    assert Config.load(path, environ={})["language"] == "zh_TW"
    assert "database_url" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("content,message", [
    ("nonsense = 1\n", "unknown setting"),
    ('max_outstanding_fines = "lots"\n', "must be an integer"),
    ('language = "fr"\n', "must be one of"),
    ("desk = [\n", "not a valid TOML"),
])
def test_bad_settings_are_reported(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        Config.load(path, environ={})


def test_a_checkout_visit_ends_after_three_idle_minutes_by_default() -> None:
    assert Config().get("visit_idle_seconds") == 180
    config = Config()
    config.set("visit_idle_seconds", 0)                 # 0: a visit never ends by itself
    assert config.get("visit_idle_seconds") == 0
