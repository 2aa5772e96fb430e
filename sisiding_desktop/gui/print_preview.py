"""打印预览: the report for the current tab drawn on A4 landscape, ready to print.

Qt's print support, the page painter and the report builders load on the first preview, not at start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from sisiding_desktop.gui.dialogs.export_dialog import ExportRequest
    from sisiding_desktop.gui.session import Session
    from sisiding_desktop.reports.layout import ReportLayout

SETTINGS_GROUP = "printing"


def configured_printer(layout: ReportLayout) -> QPrinter:
    """A high-resolution printer on the layout's paper and orientation, with the printer last chosen."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    settings = QSettings()
    settings.beginGroup(SETTINGS_GROUP)
    name = settings.value("printer_name", "")
    if name:
        printer.setPrinterName(str(name))
    copies = settings.value("copies")
    if copies:
        printer.setCopyCount(int(copies))
    settings.endGroup()
    setup = layout.page
    size = QPageSize(QPageSize.PageSizeId.A3 if setup.paper == "A3" else QPageSize.PageSizeId.A4)
    orientation = (
        QPageLayout.Orientation.Landscape if setup.orientation == "landscape" else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    printer.setDocName(layout.title)
    return printer


def remember_printer(printer: QPrinter) -> None:
    """Keep the chosen printer and copy count for the next print (the paper comes from the report)."""
    settings = QSettings()
    settings.beginGroup(SETTINGS_GROUP)
    settings.setValue("printer_name", printer.printerName())
    settings.setValue("copies", printer.copyCount())
    settings.endGroup()


def paint_layout(layout: ReportLayout | Sequence[ReportLayout], printer: QPrinter) -> int:
    """The layout (or the tables of one report, one after the other, page numbers running on) paginated exactly
    as in the PDF, painted on ``printer``; returns the page count."""
    from sisiding_desktop.gui.page_plan_painter import paint_page_plan
    from sisiding_desktop.render.pdf_pages import PagePlan, plan_pages  # reportlab loads on first print

    layouts = list(layout) if isinstance(layout, (list, tuple)) else [layout]
    plans: list[PagePlan] = []
    for each in layouts:
        plans.append(plan_pages(each, first_number=1 + sum(len(p.pages) for p in plans)))
    first = plans[0]
    return paint_page_plan(PagePlan(first.width, first.height, tuple(pg for p in plans for pg in p.pages),
                                    first.content), printer)  # fmt: skip


class PrintPreview:
    def __init__(self, session: Session, parent: QWidget) -> None:
        self.session = session
        self.parent = parent
        self.report_for_tab = lambda: "division"  # the window tells which report fits the current tab

    def layout(self, report: str, **options: object) -> ReportLayout | list[ReportLayout] | None:
        session = self.session
        if not session.plan_id:
            session.prompter.inform("打印预览", "请先在左侧选择一个计划。")
            return None
        from sisiding_desktop.services.exporting import CITY_REPORTS

        if report in CITY_REPORTS:  # the 汇总表: its ranking and its measures, one after the other
            return session.guarded(
                lambda: session.services.exporting.city_layouts(
                    session.plan_id, report, session.period, today=session.today()
                )
            )
        if "period" not in options:
            options["period"] = session.period if report in ("progress", "indicators") else None
        return session.guarded(
            lambda: session.services.exporting.layout(session.plan_id, report, today=session.today(), **options)
        )

    def preview(self, report: str | None = None) -> None:
        """The report that fits the current tab, with the current period."""
        self.show(self.layout(report or self.report_for_tab()))

    def preview_request(self, request: ExportRequest) -> None:
        """Exactly what the export dialog would write: report, period, unit and columns."""
        self.show(self.layout(request.report, period=request.period, unit=request.unit, columns=request.columns))

    def show(self, layout: ReportLayout | list[ReportLayout] | None) -> None:
        if not layout:
            return
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        first = layout[0] if isinstance(layout, list) else layout
        printer = configured_printer(first)
        dialog = QPrintPreviewDialog(printer, self.parent)
        dialog.setWindowTitle(f"打印预览 — {first.title}")
        dialog.resize(1100, 780)
        dialog.paintRequested.connect(lambda p: self.session.guarded(lambda: paint_layout(layout, p)))
        self.session.prompter.run_dialog(dialog)
        remember_printer(printer)
