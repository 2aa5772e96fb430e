"""Undo step for the office settings kept in the database (office name, light thresholds, backups kept)."""

from __future__ import annotations

from dataclasses import dataclass

from sisiding_desktop.domain.lights import LightSettings
from sisiding_desktop.gui.commands.base import ServiceCommand
from sisiding_desktop.gui.session import PROGRESS, Session


@dataclass(frozen=True)
class OfficeSettings:
    office: str
    lights: LightSettings
    backup_keep: int


class EditOfficeSettings(ServiceCommand):
    kinds = (PROGRESS,)  # the thresholds change every light

    def __init__(self, session: Session, after: OfficeSettings) -> None:
        super().__init__(session, "修改设置")
        self.before = self.current(session)
        self.after = after

    @staticmethod
    def current(session: Session) -> OfficeSettings:
        settings = session.services.settings
        return OfficeSettings(settings.office_name(), settings.light_settings(), settings.backup_keep())

    def apply(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)

    def _write(self, values: OfficeSettings) -> None:
        settings = self.session.services.settings
        settings.set_office_name(values.office)
        settings.set_light_settings(values.lights)
        settings.set_backup_keep(values.backup_keep)
