"""Undo step for the office settings kept in the database (office name, light thresholds)."""

from __future__ import annotations

from sisiding_desktop.domain.lights import LightSettings
from sisiding_desktop.gui.commands.base import ServiceCommand
from sisiding_desktop.gui.session import PROGRESS, Session


class EditOfficeSettings(ServiceCommand):
    kinds = (PROGRESS,)  # the thresholds change every light

    def __init__(self, session: Session, office: str, lights: LightSettings) -> None:
        super().__init__(session, "修改设置")
        settings = session.services.settings
        self.before = (settings.office_name(), settings.light_settings())
        self.after = (office, lights)

    def apply(self) -> None:
        self._write(*self.after)

    def revert(self) -> None:
        self._write(*self.before)

    def _write(self, office: str, lights: LightSettings) -> None:
        settings = self.session.services.settings
        settings.set_office_name(office)
        settings.set_light_settings(lights)
