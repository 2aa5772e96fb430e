"""Export a plan's reports (任务分工表, 推进情况表, 指标表, 单位任务清单) as files.

The report builders load with the first report, not when the program starts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sisiding_desktop.domain.model import Period, UnitRef
from sisiding_desktop.services.base import Service
from sisiding_desktop.services.collector import collector_paused
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.plans import PlanService
from sisiding_desktop.services.progress import PeriodView, ProgressService
from sisiding_desktop.services.settings import SettingsService
from sisiding_desktop.services.unit_lists import list_file_name, safe_file_name, units_in_plan
from sisiding_desktop.services.units import UnitService
from sisiding_desktop.wording.os_errors import reason

if TYPE_CHECKING:
    from sisiding_desktop.reports.layout import ReportLayout

REPORTS = {
    "division": "任务分工表",
    "progress": "推进情况表",
    "indicators": "指标完成情况表",
    "unit": "单位任务清单",
}
CITY_REPORTS = {  # a 市's reports on its bodies' returns: several tables in one file, PDF included
    "summary": "汇总表",
    "feedback": "红黄灯措施反馈清单",
}
FORMATS = ("xlsx", "pdf", "docx")
DOCUMENTS = {"briefing": "季度推进情况报告"}  # written reports: Word or PDF, no table layout of their own
EXPORTS = {**REPORTS, **CITY_REPORTS, **DOCUMENTS}


class ExportService(Service):
    def layout(
        self,
        plan_id: int,
        report: str,
        *,
        period: Period | None = None,
        unit: str | None = None,
        columns: Sequence[str] | None = None,
        today: date | None = None,
    ) -> ReportLayout:
        """The report's layout, shared by every output format."""
        if report not in REPORTS:
            raise ServiceError(f"没有名为“{report}”的报表，可选：{'、'.join(REPORTS)}。")
        with collector_paused():
            return self._layout(plan_id, report, period, unit, columns, today)

    def _layout(
        self,
        plan_id: int,
        report: str,
        period: Period | None,
        unit: str | None,
        columns: Sequence[str] | None,
        today: date | None,
    ) -> ReportLayout:
        from sisiding_desktop.reports.division import build_division
        from sisiding_desktop.reports.indicators import build_indicators
        from sisiding_desktop.reports.progress import build_progress
        from sisiding_desktop.reports.unit_tasks import build_unit_tasks

        plans = PlanService(self.db, self.user)
        plan = plans.get_plan(plan_id)  # an unknown plan is reported first
        office = SettingsService(self.db, self.user).office_name()
        try:
            if report in ("division", "indicators"):
                contents = plans.contents(plan_id)
                if report == "division":
                    return build_division(contents.plan, contents.nodes, columns=columns, office=office)
                return build_indicators(
                    contents.plan, contents.indicators, period=period, columns=columns, office=office
                )
            if report == "progress":
                period = _required(period, "推进情况表")
                view = self._period_view(plan_id, period, today)
                return build_progress(
                    plan, view.nodes, period, view.entries, view.lights, columns=columns, office=office
                )
            unit_ref = self._unit(unit)
            if period is None:
                nodes, progress, lights = plans.tree(plan_id), {}, {}
            else:
                view = self._period_view(plan_id, period, today)
                nodes, progress, lights = view.nodes, view.entries, view.lights
            return build_unit_tasks(
                plan, nodes, unit_ref, columns=columns, period=period, progress=progress, lights=lights, office=office
            )
        except ValueError as exc:  # an unknown column key: the message is already Chinese
            raise ServiceError(str(exc)) from exc

    def export(
        self,
        plan_id: int,
        report: str,
        fmt: str,
        out: Path,
        *,
        period: Period | None = None,
        unit: str | None = None,
        columns: Sequence[str] | None = None,
        today: date | None = None,
        body: str | None = None,
    ) -> Path:
        """Write the report to ``out`` (xlsx, pdf or docx); returns the path written.

        ``body`` names the reporting body of a 反馈清单 (``feedback``).
        """
        if report in DOCUMENTS:
            from sisiding_desktop.services.briefing import BriefingService

            period = _required(period, DOCUMENTS[report])
            return BriefingService(self.db, self.user).write(plan_id, period, fmt, out, today=today)
        if fmt not in FORMATS:
            raise ServiceError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}。")
        out = Path(out).expanduser().resolve()
        if not out.parent.is_dir():
            raise ServiceError(f"文件夹“{out.parent}”不存在。")
        if report in CITY_REPORTS:
            return self._write(self.city_layouts(plan_id, report, _required(period, CITY_REPORTS[report]),
                                                 body=body, today=today), fmt, out)  # fmt: skip
        with collector_paused():
            layout = self.layout(plan_id, report, period=period, unit=unit, columns=columns, today=today)
            try:
                if fmt == "xlsx":
                    from sisiding_desktop.render.xlsx_writer import write_layouts_xlsx  # openpyxl loads on first use

                    write_layouts_xlsx([layout, *self._companion_sheets(plan_id, report, columns)], out)
                elif fmt == "docx":
                    from sisiding_desktop.render.docx_writer import write_layouts_docx  # python-docx too

                    write_layouts_docx([layout, *self._companion_sheets(plan_id, report, columns)], out)
                else:
                    from sisiding_desktop.render.pdf_writer import write_layout_pdf

                    write_layout_pdf(layout, out)
            except OSError as exc:
                raise ServiceError(f"无法写入“{out.name}”：{reason(exc)}。未留下不完整的文件。") from exc
        return out

    def city_layouts(
        self, plan_id: int, report: str, period: Period, *, body: str | None = None, today: date | None = None
    ) -> list[ReportLayout]:
        """The tables of a 汇总表 (ranking, then every measure) or of one body's 反馈清单."""
        from sisiding_desktop.reports.summary import build_feedback, build_summary
        from sisiding_desktop.services.summary import SummaryService

        office = SettingsService(self.db, self.user).office_name()
        summary = SummaryService(self.db, self.user).summary(plan_id, period, today)
        if not summary.bodies:
            raise ServiceError("这个计划还没有报送单位；请先读入各县（区）报送的表格。")
        if report == "summary":
            chart = SummaryService(self.db, self.user).ranking_chart(summary) if summary.ranked else None
            return build_summary(summary, office, chart)
        return [build_feedback(summary, _named_body(summary.bodies, body), office)]

    def export_feedback(
        self, plan_id: int, folder: Path, period: Period | None, fmt: str = "xlsx", *, today: date | None = None
    ) -> list[Path]:
        """A 反馈清单 for every body that has reported, each its own file in ``folder``, to send back."""
        from sisiding_desktop.services.summary import SummaryService

        period = _required(period, CITY_REPORTS["feedback"])
        if fmt not in FORMATS:
            raise ServiceError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}。")
        folder = Path(folder).expanduser().resolve()
        if not folder.is_dir():
            raise ServiceError(f"文件夹“{folder}”不存在。")
        summary = SummaryService(self.db, self.user).summary(plan_id, period, today)
        written = []
        for standing in summary.ranked:
            name = f"{safe_file_name(standing.body.name)}红黄灯措施反馈清单（{period.label}）.{fmt}"
            written.append(self.export(plan_id, "feedback", fmt, folder / name, period=period,
                                       body=standing.body.name, today=today))  # fmt: skip
        return written

    def _write(self, layouts: list[ReportLayout], fmt: str, out: Path) -> Path:
        try:
            if fmt == "xlsx":
                from sisiding_desktop.render.xlsx_writer import write_layouts_xlsx

                write_layouts_xlsx(layouts, out)
            elif fmt == "docx":
                from sisiding_desktop.render.docx_writer import write_layouts_docx

                write_layouts_docx(layouts, out)
            else:
                from sisiding_desktop.render.pdf_writer import write_layouts_pdf

                write_layouts_pdf(layouts, out)
        except OSError as exc:
            raise ServiceError(f"无法写入“{out.name}”：{reason(exc)}。未留下不完整的文件。") from exc
        return out

    def export_unit_lists(
        self,
        plan_id: int,
        folder: Path,
        fmt: str = "xlsx",
        *,
        period: Period | None = None,
        today: date | None = None,
        progress: Callable[[float, str], None] | None = None,
    ) -> list[Path]:
        """A 单位任务清单 for every unit the plan names, each its own file in ``folder``, to send to the units."""
        folder = Path(folder).expanduser().resolve()
        if not folder.is_dir():
            raise ServiceError(f"文件夹“{folder}”不存在。")
        units = units_in_plan(PlanService(self.db, self.user).tree(plan_id))
        if not units:
            raise ServiceError("这个计划还没有填写任何牵头或配合单位，没有可导出的单位任务清单。")
        written = []
        for index, unit in enumerate(units):
            if progress:
                progress(index / len(units), f"正在导出“{unit.name}”的任务清单（{index + 1}/{len(units)}）")
            out = folder / list_file_name(unit.name, period, fmt)
            written.append(self.export(plan_id, "unit", fmt, out, period=period, unit=unit.name, today=today))
        return written

    def _companion_sheets(self, plan_id: int, report: str, columns: Sequence[str] | None) -> list[ReportLayout]:
        """The division workbook (and document) also carries the 主要指标表, as the plans themselves do."""
        from sisiding_desktop.reports.indicators import build_indicators

        if report != "division" or columns is not None:
            return []
        contents = PlanService(self.db, self.user).contents(plan_id)
        if not contents.indicators:
            return []
        office = SettingsService(self.db, self.user).office_name()
        return [build_indicators(contents.plan, contents.indicators, office=office)]

    def _period_view(self, plan_id: int, period: Period, today: date | None) -> PeriodView:
        """The plan's tree, the period's entries and lights, read once (lights as of the period's end at latest)."""
        return ProgressService(self.db, self.user).period_view(plan_id, period, min(today or date.today(), period.end))

    def _unit(self, name: str | None) -> UnitRef:
        if not name:
            raise ServiceError("单位任务清单需要用 --unit 指定单位名称。")
        unit = UnitService(self.db, self.user).find_unit(name)
        if unit is None:
            raise ServiceError(f"找不到单位“{name}”。")
        return UnitRef(unit.id, unit.name)


def _named_body(bodies, name: str | None):
    from sisiding_desktop.domain.body_names import named_bodies

    if not name:
        raise ServiceError("反馈清单需要用 --body 指定报送单位，或用 --out 指定一个已有的文件夹（每个单位一份）。")
    found = named_bodies(name, bodies)
    if len(found) != 1:
        raise ServiceError(f"找不到报送单位“{name}”。")
    return found[0]


def _required(period: Period | None, what: str) -> Period:
    if period is None:
        raise ServiceError(f"{what}需要用 --period 指定期间，例如 2024Q3。")
    return period
