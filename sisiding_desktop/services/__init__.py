"""Use cases of the program, one transaction each, with no Qt.

Services take and return domain values (``sisiding_desktop.domain.model``),
never ORM rows, and write the change log. ``Services`` bundles them for one
open database.
"""

from __future__ import annotations

from sisiding_desktop.services.backups import BackupService
from sisiding_desktop.services.errors import NotFound, ServiceError
from sisiding_desktop.services.exporting import ExportService
from sisiding_desktop.services.history import HistoryService
from sisiding_desktop.services.importing import ImportService
from sisiding_desktop.services.indicators import IndicatorService
from sisiding_desktop.services.nodes import NodeService
from sisiding_desktop.services.plans import PlanService
from sisiding_desktop.services.progress import ProgressService
from sisiding_desktop.services.progress_exchange import ProgressExchangeService
from sisiding_desktop.services.settings import SettingsService
from sisiding_desktop.services.units import UnitService
from sisiding_desktop.store.database import Database


class Services:
    """Every service, bound to one open database and the person using it."""

    def __init__(self, db: Database, user: str = "") -> None:
        self.db = db
        self.plans = PlanService(db, user)
        self.nodes = NodeService(db, user)
        self.units = UnitService(db, user)
        self.indicators = IndicatorService(db, user)
        self.progress = ProgressService(db, user)
        self.settings = SettingsService(db, user)
        self.backups = BackupService(db, user)
        self.importing = ImportService(db, user)
        self.exporting = ExportService(db, user)
        self.progress_exchange = ProgressExchangeService(db, user)
        self.history = HistoryService(db, user)


__all__ = ["NotFound", "ServiceError", "Services"]
