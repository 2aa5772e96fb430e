"""Office-wide settings stored in the database (they travel with the data)."""

from __future__ import annotations

import json

from sisiding_desktop.domain.lights import LightSettings
from sisiding_desktop.services.base import Service
from sisiding_desktop.store.models import SettingRow

LIGHTS_KEY = "lights"
OFFICE_NAME_KEY = "office_name"


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
