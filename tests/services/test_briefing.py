"""The quarter's written report through the service: drafted from the period's data, edited, saved as Word and
PDF with its charts and the period's table as 附件; its counts are those of the period."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from docx import Document

from sisiding_desktop.domain.model import NodeKind, Period, Status
from sisiding_desktop.services import ServiceError
from sisiding_desktop.services.tree import walk
from tests.conftest import PINGLUO_XLSX

Q3 = Period(2024, 3)
TODAY = date(2024, 10, 15)


@pytest.fixture
def plan(services):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    services.plans.update_plan(plan.id, year_from=2024, year_to=2024)
    measures = [n for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE]
    for index, measure in enumerate(measures[:12]):
        done = index % 3 == 0
        services.progress.record(
            measure.id,
            Q3,
            status=Status.DONE if done else Status.BEHIND,
            percent=100 if done else 30,
            progress_text="已完成。" if done else "正在推进。",
            problems="" if done else "资金未到位",
            next_steps="" if done else "争取资金",
        )
    return plan


def test_the_draft_counts_what_the_period_holds(services, plan):
    draft = services.briefing.draft(plan.id, Q3, today=TODAY)
    kinds = [kind for kind, _ in draft.blocks]
    assert kinds[0] == "title" and "chart" in kinds and kinds[-1] == "attachment"
    headings = [text for kind, text in draft.blocks if kind == "heading1"]
    assert headings[:3] == ["一、总体进展", "二、存在的主要问题", "三、下步工作安排"]
    body = "\n".join(text for kind, text in draft.blocks if kind == "body")
    assert "已完成4条" in body.replace(" ", ""), body
    assert len(draft.charts) == kinds.count("chart")


def test_an_edited_draft_goes_into_the_document_and_a_removed_chart_with_it(services, plan, tmp_path):
    draft = services.briefing.draft(plan.id, Q3, today=TODAY)
    text = draft.text().replace("一、总体进展", "一、总体进展情况")
    text = "\n\n".join(p for p in text.split("\n\n") if not p.startswith("［图2"))
    edited = draft.edited(text + "\n\n本季度另行召开推进会一次。")
    out = services.briefing.write(plan.id, Q3, "docx", tmp_path / "报告.docx", draft=edited, today=TODAY)
    document = Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "一、总体进展情况" in texts and "本季度另行召开推进会一次。" in texts
    assert len(document.inline_shapes) == len(edited.charts) == len(draft.charts) - 1
    assert document.tables and document.tables[0].cell(0, 0).text == "序号"  # the 推进情况表 attached
    assert document.sections[-1].page_width > document.sections[-1].page_height  # in landscape


def test_the_briefing_as_pdf_and_from_the_export_command(services, plan, tmp_path):
    out = services.exporting.export(plan.id, "briefing", "pdf", tmp_path / "报告.pdf", period=Q3, today=TODAY)
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "总体进展" in text and "附件" in text and "推进情况表" in text
    with pytest.raises(ServiceError, match="--period"):
        services.exporting.export(plan.id, "briefing", "docx", tmp_path / "x.docx")
    with pytest.raises(ServiceError, match="Word"):
        services.exporting.export(plan.id, "briefing", "xlsx", tmp_path / "x.xlsx", period=Q3)


def test_the_reports_counts_equal_the_overviews(services, plan):
    from sisiding_desktop.domain.model import Light

    summary = services.progress.summary(plan.id, Q3, TODAY)
    body = "".join(text for kind, text in services.briefing.draft(plan.id, Q3, today=TODAY).blocks if kind == "body")
    body = body.replace(" ", "")
    done = summary.by_status.get(Status.DONE, 0)
    assert f"具体措施{summary.total}条，已完成{done}条" in body
    assert f"进度滞后（黄灯）{summary.by_light.get(Light.YELLOW, 0)}条" in body
    assert f"逾期未完成（红灯）{summary.by_light.get(Light.RED, 0)}条" in body
    assert f"本期共报送{summary.filled}条措施" in body
