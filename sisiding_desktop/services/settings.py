"""Office-wide settings stored in the database (they travel with the data)."""

from __future__ import annotations

import json

from sisiding_desktop.domain.lights import LightSettings
from sisiding_desktop.services.base import Service
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.store.backup import DEFAULT_KEEP
from sisiding_desktop.store.models import SettingRow

LIGHTS_KEY = "lights"
OFFICE_NAME_KEY = "office_name"
BACKUP_KEEP_KEY = "backup_keep"
BACKUP_KEEP_RANGE = (1, 999)


class SettingsService(Service):
    def get(self, key: str, default: object = None) -> object:
        with self.db.reading() as s:
            row = s.get(SettingRow, key)
            return json.loads(row.value) if row and row.value else default

    def set(self, key: str, value: object) -> None:
        text = json.dumps(value, ensure_ascii=False)
        with self.db.transaction() as s:
            row = s.get(SettingRow, key)
            old = row.value if row else ""
            if row is None:
                s.add(SettingRow(key=key, value=text))
            else:
                row.value = text
            self.log(s, "setting", "setting", None, field=key, old=old, new=text)

    def light_settings(self) -> LightSettings:
        stored = self.get(LIGHTS_KEY, {})
        return LightSettings.from_mapping(stored if isinstance(stored, dict) else {})

    def set_light_settings(self, settings: LightSettings) -> None:
        self.set(LIGHTS_KEY, settings.to_mapping())

    def office_name(self) -> str:
        return str(self.get(OFFICE_NAME_KEY, "") or "")

    def set_office_name(self, name: str) -> None:
        self.set(OFFICE_NAME_KEY, name.strip())

    def backup_keep(self) -> int:
        """How many automatic backups are kept (the oldest beyond that are deleted)."""
        stored = self.get(BACKUP_KEEP_KEY, DEFAULT_KEEP)
        low, high = BACKUP_KEEP_RANGE
        return min(max(stored, low), high) if isinstance(stored, int) else DEFAULT_KEEP

    def set_backup_keep(self, count: int) -> None:
        low, high = BACKUP_KEEP_RANGE
        if not low <= count <= high:
            raise ServiceError(f"自动备份保留份数应在 {low} 到 {high} 之间。")
        self.set(BACKUP_KEEP_KEY, count)
