"""文件 → 导出季度推进情况报告: the draft opens for editing; what the clerk types goes into the document."""

from __future__ import annotations

from docx import Document

from sisiding_desktop.domain.model import NodeKind, Status
from sisiding_desktop.services.tree import walk
from tests.gui.conftest import Q3


def test_the_briefing_is_drafted_edited_and_saved(make_window, services, pingluo, prompter, tmp_path, qtbot):
    measure = next(n for n in walk(services.plans.tree(pingluo.id)) if n.kind is NodeKind.MEASURE)
    services.progress.record(measure.id, Q3, status=Status.BEHIND, percent=20, problems="资金未到位")
    window = make_window()
    seen = {}

    def edit(dialog) -> bool:
        seen["draft"] = dialog.text()
        dialog.editor.setPlainText(dialog.text().replace("一、总体进展", "一、总体进展情况"))
        dialog.format.setCurrentIndex(0)  # Word
        return True

    out = tmp_path / "报告.docx"
    prompter.dialogs.append(edit)
    prompter.files.append(out)
    window.actions_by_name["export_briefing"].trigger()
    qtbot.waitUntil(lambda: out.exists(), timeout=30_000)
    qtbot.waitUntil(lambda: not window.jobs.busy(), timeout=30_000)
    assert "二、存在的主要问题" in seen["draft"] and "资金未到位" in seen["draft"]
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "一、总体进展情况" in texts and "一、总体进展" not in texts
