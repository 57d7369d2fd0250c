"""Every setting is documented in the README's settings table, with its default."""

import re
from pathlib import Path

from openarchief.search.settings import Settings, env_name

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    rows = {
        m.group(1): m.group(2) for m in re.finditer(r"^\|\s*`(OPENARCHIEF_[A-Z_]+)`\s*\|\s*([^|]*)\|", README, re.M)
    }
    for name, field in Settings.model_fields.items():
        assert env_name(name) in rows, f"{env_name(name)} is not documented in README.md"
        default = field.default
        assert str(default) in rows[env_name(name)] or str(default) in README, f"default of {env_name(name)}"
    assert set(rows) == {env_name(n) for n in Settings.model_fields}, "README documents a setting that does not exist"


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("OPENARCHIEF_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("OPENARCHIEF_PORT", "8123")
    settings = Settings()
    assert settings.data_dir == tmp_path and settings.port == 8123
    assert settings.index_dir == tmp_path / "index"
