"""Use cases of the program, one transaction each, with no Qt.

Services take and return domain values (``sisiding_desktop.domain.model``),
never ORM rows, and write the change log. ``Services`` bundles them for one
open database; the services a start does not need (importing, exporting, the quarter's
exchange, history) are created, and their modules loaded, on first use.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sisiding_desktop.services.backups import BackupService
from sisiding_desktop.services.base import Service
from sisiding_desktop.services.errors import NotFound, ServiceError
from sisiding_desktop.services.indicators import IndicatorService
from sisiding_desktop.services.nodes import NodeService
from sisiding_desktop.services.plans import PlanService
from sisiding_desktop.services.progress import ProgressService
from sisiding_desktop.services.settings import SettingsService
from sisiding_desktop.services.units import UnitService
from sisiding_desktop.store.database import Database

if TYPE_CHECKING:
    from sisiding_desktop.services.bodies import BodyService
    from sisiding_desktop.services.briefing import BriefingService
    from sisiding_desktop.services.exporting import ExportService
    from sisiding_desktop.services.history import HistoryService
    from sisiding_desktop.services.importing import ImportService
    from sisiding_desktop.services.progress_exchange import ProgressExchangeService
    from sisiding_desktop.services.returns import ReturnsService
    from sisiding_desktop.services.summary import SummaryService


class Services:
    """Every service, bound to one open database and the person using it."""

    def __init__(self, db: Database, user: str = "") -> None:
        self.db = db
        self.user = user
        self.plans = PlanService(db, user)
        self.nodes = NodeService(db, user)
        self.units = UnitService(db, user)
        self.indicators = IndicatorService(db, user)
        self.progress = ProgressService(db, user)
        self.settings = SettingsService(db, user)
        self.backups = BackupService(db, user)

    def rename_desk(self, user: str) -> None:
        """From now on, write ``user`` as the desk's name with every change."""
        self.user = user
        for service in vars(self).values():
            if isinstance(service, Service):
                service.user = user

    @cached_property
    def importing(self) -> ImportService:
        from sisiding_desktop.services.importing import ImportService

        return ImportService(self.db, self.user)

    @cached_property
    def briefing(self) -> BriefingService:
        from sisiding_desktop.services.briefing import BriefingService

        return BriefingService(self.db, self.user)

    @cached_property
    def exporting(self) -> ExportService:
        from sisiding_desktop.services.exporting import ExportService

        return ExportService(self.db, self.user)

    @cached_property
    def progress_exchange(self) -> ProgressExchangeService:
        from sisiding_desktop.services.progress_exchange import ProgressExchangeService

        return ProgressExchangeService(self.db, self.user)

    @cached_property
    def bodies(self) -> BodyService:
        from sisiding_desktop.services.bodies import BodyService

        return BodyService(self.db, self.user)

    @cached_property
    def returns(self) -> ReturnsService:
        from sisiding_desktop.services.returns import ReturnsService

        return ReturnsService(self.db, self.user)

    @cached_property
    def summary(self) -> SummaryService:
        from sisiding_desktop.services.summary import SummaryService

        return SummaryService(self.db, self.user)

    @cached_property
    def history(self) -> HistoryService:
        from sisiding_desktop.services.history import HistoryService

        return HistoryService(self.db, self.user)


__all__ = ["NotFound", "ServiceError", "Services"]
