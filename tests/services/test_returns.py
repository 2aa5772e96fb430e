"""The 市's desk reads its counties' returned tables: sender found, rows matched, a corrected file replacing the
earlier return, bad files said and the others still read."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from sisiding_desktop.domain.model import Period, Status
from sisiding_desktop.services import ServiceError, Services
from sisiding_desktop.services.progress import is_reported_item
from sisiding_desktop.services.tree import walk
from sisiding_desktop.store import Database
from tests.exchange.city_table import write_city_table

Q3 = Period(2024, 3)
COUNTIES = ("大武口区", "惠农区", "平罗县")


@pytest.fixture
def city(services, tmp_path):
    table = write_city_table(tmp_path)
    plan, _ = services.importing.import_plan(table)
    for name in COUNTIES:
        services.bodies.add_body(plan.id, name, kind="县区")
    return plan, table


def measures_of(services, plan_id):
    return [n for n in walk(services.plans.tree(plan_id)) if is_reported_item(n)]


def county_return(folder: Path, table: Path, name: str, values: dict, *, file_name: str = "") -> Path:
    """A county's desk: the 市's table imported, its own progress recorded, filled back into the 市's table."""
    with Database.open(folder / f"{name}.sqlite") as db:
        county = Services(db, user=name)
        plan, _ = county.importing.import_plan(table)
        measures = measures_of(county, plan.id)
        for index, (status, percent, text) in values.items():
            county.progress.record(measures[index].id, Q3, status=status, percent=percent, progress_text=text)
        out = folder / (file_name or f"{name}2024年三季度报送.xlsx")
        county.progress_exchange.fill_back(plan.id, table, Q3, out)
    return out


def with_reporter(path: Path, text: str) -> Path:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet.insert_rows(1)
    sheet.cell(1, 1, text)
    book.save(path)
    return path


def test_each_countys_filled_table_comes_in_under_its_name(services, city, tmp_path):
    plan, table = city
    first = county_return(
        tmp_path, table, "大武口区", {0: (Status.DONE, 100, "已创建"), 1: (Status.IN_PROGRESS, 40, "漏损治理")}
    )
    second = county_return(tmp_path, table, "惠农区", {0: (Status.BEHIND, 10, "滞后")}, file_name="第二份.xlsx")
    with_reporter(second, "填报单位：惠农区水务局")
    outcomes = services.returns.read_many(plan.id, [first, second], Q3)
    assert [o.error for o in outcomes] == ["", ""]
    assert [o.saved.body.name for o in outcomes] == ["大武口区", "惠农区"]  # file name; 填报单位
    bodies = {b.name: b for b in services.bodies.list_bodies(plan.id)}
    entries = services.returns.entries(plan.id, Q3)
    measures = measures_of(services, plan.id)
    dawukou = entries[(bodies["大武口区"].id, measures[0].id)].progress
    assert (dawukou.status, dawukou.percent, dawukou.progress_text) == (Status.DONE, 100, "已创建")
    assert entries[(bodies["大武口区"].id, measures[1].id)].progress.percent == 40
    assert entries[(bodies["惠农区"].id, measures[0].id)].progress.status is Status.BEHIND
    assert (bodies["惠农区"].id, measures[1].id) not in entries  # nothing written for it: not reported
    returns = services.returns.returns(plan.id, Q3)
    assert set(returns) == {bodies["大武口区"].id, bodies["惠农区"].id}  # 平罗县 has not reported yet
    assert services.progress.for_period(plan.id, Q3) == {}  # the 市's own progress is untouched


def test_a_corrected_file_replaces_the_bodys_earlier_return_and_says_so(services, city, tmp_path):
    plan, table = city
    path = county_return(tmp_path, table, "平罗县", {0: (Status.IN_PROGRESS, 30, "初稿"), 2: (Status.DONE, 100, "")})
    first = services.returns.read_many(plan.id, [path], Q3)[0].saved
    assert first.replaced is None and first.recorded == 2
    folder = tmp_path / "改"
    folder.mkdir()
    corrected = county_return(folder, table, "平罗县", {0: (Status.DONE, 100, "改正后")})
    again = services.returns.read_many(plan.id, [corrected], Q3)[0].saved
    assert again.replaced is not None and again.replaced.file_name == path.name
    body = services.bodies.list_bodies(plan.id)[2]
    entries = services.returns.entries(plan.id, Q3)
    measures = measures_of(services, plan.id)
    assert entries[(body.id, measures[0].id)].progress.progress_text == "改正后"
    assert (body.id, measures[2].id) not in entries  # the earlier return's rows are gone, not mixed in
    services.returns.put(again.before)  # the undo of the corrected file
    assert services.returns.entries(plan.id, Q3)[(body.id, measures[2].id)].progress.status is Status.DONE
    services.returns.put(again.after)  # and its redo
    assert (body.id, measures[2].id) not in services.returns.entries(plan.id, Q3)


def test_a_hand_filled_table_with_rows_reordered_and_one_deleted(services, city, tmp_path):
    plan, table = city
    count = len(measures_of(services, plan.id))
    path = county_return(
        tmp_path, table, "惠农区", {i: (Status.IN_PROGRESS, 5 * (i + 1), f"第{i + 1}条") for i in range(count)}
    )
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=1)]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "序号")
    data = rows[header_at + 1 :]
    last, first = data[-1], data[0]
    sheet.delete_rows(header_at + 2, len(data))
    for row in [last, *data[1:-2], first]:  # reordered, the second-last row dropped
        sheet.append(row)
    foreign = list(first)
    foreign[2:4] = ["开展地下水超采综合治理", "关停城区自备井三十眼。"]
    sheet.append(foreign)  # a row of the county's own, in no plan of the 市
    book.save(path)
    saved = services.returns.read_many(plan.id, [path], Q3)[0]
    assert saved.error == "", saved.error
    entries = services.returns.entries(plan.id, Q3)
    body = services.bodies.list_bodies(plan.id)[1]
    measures = measures_of(services, plan.id)
    texts = {i: entries[(body.id, m.id)].progress.progress_text for i, m in enumerate(measures)
             if (body.id, m.id) in entries}  # fmt: skip
    assert len(texts) == count - 1  # the deleted row's measure has no entry
    assert all(text == f"第{i + 1}条" for i, text in texts.items())  # each under its own measure, in any order
    assert saved.saved.recorded == count - 1
    assert len(saved.saved.unmatched) == 1 and f"第{sheet.max_row}行" in saved.saved.unmatched[0]
    assert services.returns.returns(plan.id, Q3)[body.id].unmatched == saved.saved.unmatched


def test_an_unknown_sender_is_added_from_its_form_and_unsure_ones_are_asked_for(services, city, tmp_path):
    plan, table = city
    path = with_reporter(county_return(tmp_path, table, "石嘴山市直", {0: (Status.DONE, 100, "")}, file_name="a.xlsx"),
                         "填报单位：市水务局")  # fmt: skip
    nameless = county_return(tmp_path, table, "无名", {0: (Status.DONE, 100, "")}, file_name="b.xlsx")
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    outcomes = services.returns.read_many(plan.id, [path, nameless, broken], Q3)
    assert outcomes[0].added_body and outcomes[0].saved.body.name == "市水务局"
    assert "请用 --from 指明" in outcomes[1].error
    assert "坏文件.xlsx" in outcomes[2].error and outcomes[2].saved is None
    given = services.returns.read_many(plan.id, [nameless], Q3, from_name="平罗县")[0]
    assert given.saved.body.name == "平罗县" and not given.added_body


def test_with_no_bodies_listed_yet_the_file_names_say_who_sent_them(services, tmp_path):
    plan, _ = services.importing.import_plan(write_city_table(tmp_path))
    table = tmp_path / "city.xlsx"
    folder = tmp_path / "报送"
    folder.mkdir()
    for name in ("平罗县", "惠农区"):
        file_name = f"{name}2024年第三季度推进情况表.xlsx"
        county_return(folder, table, name, {0: (Status.DONE, 100, name)}, file_name=file_name)
    county_return(folder, table, "市", {0: (Status.DONE, 100, "")}, file_name="长治市2024年三季度汇总.xlsx")
    titled = county_return(folder, table, "贺兰", {0: (Status.DONE, 100, "")}, file_name="c.xlsx")
    book = openpyxl.load_workbook(titled)
    book.active["A1"] = "贺兰县四水四定重点任务推进情况表"  # its own title says who sent it
    book.save(titled)
    outcomes = {o.path.name: o for o in services.returns.read_many(plan.id, [folder], Q3)}
    assert outcomes["c.xlsx"].saved.body.name == "贺兰县"
    assert outcomes["平罗县2024年第三季度推进情况表.xlsx"].saved.body.name == "平罗县"
    assert outcomes["惠农区2024年第三季度推进情况表.xlsx"].added_body
    assert "请用 --from 指明" in outcomes["长治市2024年三季度汇总.xlsx"].error  # the 市's own name is no sender
    assert sorted(b.name for b in services.bodies.list_bodies(plan.id)) == sorted(["平罗县", "惠农区", "贺兰县"])


def test_reading_a_folder_and_the_bodies_list(services, city, tmp_path):
    plan, table = city
    folder = tmp_path / "报送"
    folder.mkdir()
    for name in COUNTIES:
        county_return(folder, table, name, {0: (Status.IN_PROGRESS, 50, name)})
    (folder / "~$大武口区2024年三季度报送.xlsx").write_bytes(b"lock")
    outcomes = services.returns.read_many(plan.id, [folder], Q3)
    assert sorted(o.saved.body.name for o in outcomes) == sorted(COUNTIES)
    body = services.bodies.list_bodies(plan.id)[0]
    renamed = services.bodies.rename_body(body.id, "石嘴山市大武口区")
    assert "大武口区" in renamed.aliases
    with pytest.raises(ServiceError, match="已经是报送单位"):
        services.bodies.add_body(plan.id, "惠农区")
    snapshot = services.bodies.delete_body(body.id)
    assert len(services.returns.returns(plan.id, Q3)) == 2
    services.bodies.restore_body(snapshot)
    assert len(services.returns.returns(plan.id, Q3)) == 3


def test_the_command_line_reads_a_batch_and_names_the_file_it_could_not(services, db_target, city, tmp_path):
    import json

    from tests.cli.test_cli import run

    plan, table = city
    good = county_return(tmp_path, table, "惠农区", {0: (Status.DONE, 100, "已完成")})
    broken = tmp_path / "平罗县.xlsx"
    broken.write_text("这不是表格", encoding="utf-8")
    services.db.close()  # the command line opens the database itself
    db = str(db_target)
    result = run("--db", db, "returns-import", str(plan.id), str(good), str(broken), "--period", "2024Q3")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "惠农区" in result.stdout and "已记录 1 条2024年第3季度进展" in result.stdout
    assert "平罗县.xlsx" in result.stderr
    again = run("--db", db, "returns-import", str(plan.id), str(good), "--period", "2024Q3", "--json")
    assert again.returncode == 0, again.stderr
    (report,) = json.loads(again.stdout)
    assert report["body"] == "惠农区" and report["replaced"] == good.name and report["recorded"] == 1


def test_the_summary_says_what_each_file_said_and_ranks_the_bodies(services, city, tmp_path):
    from sisiding_desktop.services.summary import SummaryService

    plan, table = city
    services.plans.update_plan(plan.id, year_from=2024, year_to=2024)
    count = len(measures_of(services, plan.id))
    files = [
        county_return(tmp_path, table, "大武口区", dict.fromkeys(range(count), (Status.DONE, 100, "全部完成"))),
        county_return(
            tmp_path, table, "惠农区", {0: (Status.BEHIND, 20, "资金未到位"), 1: (Status.IN_PROGRESS, 50, "")}
        ),
    ]
    services.returns.read_many(plan.id, files, Q3)
    summary = SummaryService(services.db, services.user).summary(plan.id, Q3, today=Period(2024, 3).end)
    by_name = {s.body.name: s for s in summary.standings}
    dawukou, huinong, pingluo = by_name["大武口区"], by_name["惠农区"], by_name["平罗县"]
    assert (dawukou.reported, dawukou.by_status[Status.DONE], dawukou.rank) == (count, count, 1)
    assert (huinong.reported, huinong.by_status[Status.BEHIND], huinong.by_status[Status.IN_PROGRESS]) == (2, 1, 1)
    assert huinong.rank == 2 and pingluo.rank is None and summary.not_reported == (pingluo.body,)
    assert huinong.mean_percent == 35
    first = summary.measures[measures_of(services, plan.id)[0].id]
    assert [w.body.name for w in first.words] == ["大武口区", "惠农区"] and first.missing == (pingluo.body,)
    assert first.count(Status.DONE) == 1 and first.count(Status.BEHIND) == 1


def test_the_summary_and_feedback_reports_print_in_every_format(services, city, tmp_path):
    from pypdf import PdfReader

    plan, table = city
    services.plans.update_plan(plan.id, year_from=2024, year_to=2024)
    path = county_return(tmp_path, table, "惠农区", {0: (Status.BEHIND, 20, "资金未到位"), 1: (Status.DONE, 100, "")})
    services.returns.read_many(plan.id, [path], Q3)
    body = services.bodies.list_bodies(plan.id)[1]
    measure = measures_of(services, plan.id)[0]
    services.returns.set_city_remarks(body.id, measure.id, Q3, "请于10月底前完成资金拨付。")
    for fmt in ("xlsx", "pdf", "docx"):
        out = services.exporting.export(plan.id, "summary", fmt, tmp_path / f"汇总.{fmt}", period=Q3)
        assert out.stat().st_size > 0
    book = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    assert book.sheetnames == ["报送情况及排名", "各项措施汇总"]
    ranking = "\n".join(str(c.value) for row in book["报送情况及排名"].iter_rows() for c in row if c.value)
    assert "惠农区" in ranking and "尚未报送（2个）：大武口区、平罗县" in ranking
    measures = "\n".join(str(c.value) for row in book["各项措施汇总"].iter_rows() for c in row if c.value)
    assert "惠农区：滞后（20%" in measures and "资金未到位" in measures
    pdf = PdfReader(tmp_path / "汇总.pdf")
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "推进情况汇总表" in text and "各项措施推进情况汇总表" in text and "— 3 —" in text
    assert any(page.images for page in pdf.pages)  # the ranking's chart, on its own page after the ranking
    assert book["报送情况及排名"]._images  # and below the ranking in the workbook
    from docx import Document

    assert Document(str(tmp_path / "汇总.docx")).inline_shapes  # and in the Word file
    out = services.exporting.export(plan.id, "feedback", "xlsx", tmp_path / "反馈.xlsx", period=Q3, body="惠农区")
    feedback = "\n".join(str(c.value) for row in openpyxl.load_workbook(out).active.iter_rows() for c in row if c.value)
    assert "惠农区红黄灯措施反馈清单" in feedback and "请于10月底前完成资金拨付。" in feedback
    assert "资金未到位" in feedback
    written = services.exporting.export_feedback(plan.id, tmp_path, Q3)
    assert [p.name for p in written] == ["惠农区红黄灯措施反馈清单（2024年第3季度）.xlsx"]


def test_every_bodys_feedback_from_the_command_line_one_task_over_its_measures(services, db_target, city, tmp_path):
    from tests.cli.test_cli import run

    plan, table = city
    services.plans.update_plan(plan.id, year_from=2024, year_to=2024)
    late = {2: (Status.BEHIND, 20, "种植结构调整滞后"), 3: (Status.BEHIND, 10, "")}  # the two measures of one task
    (outcome,) = services.returns.read_many(plan.id, [county_return(tmp_path, table, "惠农区", late)], Q3)
    # the 市's own 备注 ("2025年完成") still standing beside a measure the county left empty is no report
    assert outcome.saved.recorded == 2
    services.db.close()
    folder = tmp_path / "反馈"
    folder.mkdir()
    result = run("--db", str(db_target), "export", str(plan.id), "--report", "feedback", "--period", "2024Q3",
                 "--format", "xlsx", "--out", str(folder))  # fmt: skip
    assert result.returncode == 0, result.stderr
    (written,) = folder.iterdir()
    assert written.name == "惠农区红黄灯措施反馈清单（2024年第3季度）.xlsx" and str(written) in result.stdout
    sheet = openpyxl.load_workbook(written).active
    task_cells = [c for row in sheet.iter_rows() for c in row if c.value == "优化农田灌溉规模和布局"]
    assert len(task_cells) == 1  # once, merged over both measures
    assert any(task_cells[0].coordinate in merged and merged.size["rows"] == 2 for merged in sheet.merged_cells.ranges)
    missing = run("--db", str(db_target), "export", str(plan.id), "--report", "feedback", "--period", "2024Q3",
                  "--format", "xlsx", "--out", str(tmp_path / "反馈.xlsx"))  # fmt: skip
    assert missing.returncode == 2 and "--body" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice")
def test_a_return_re_saved_by_libreoffice_and_a_countys_own_export_read_the_same(services, city, tmp_path):
    plan, table = city
    values = {0: (Status.DONE, 100, "已完成创建"), 2: (Status.BEHIND, 30, "进度滞后")}
    filled = county_return(tmp_path, table, "大武口区", values)
    out = tmp_path / "resaved"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
         "--outdir", str(out), str(filled)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    with Database.open(tmp_path / "惠农区.sqlite") as db:  # the county keeps its own copy and exports its report
        county = Services(db, user="惠农区")
        own, _ = county.importing.import_plan(table)
        for index, (status, percent, text) in values.items():
            county.progress.record(measures_of(county, own.id)[index].id, Q3, status=status, percent=percent,
                                   progress_text=text)  # fmt: skip
        export = county.exporting.export(own.id, "progress", "xlsx", tmp_path / "惠农区推进情况表.xlsx", period=Q3)
    outcomes = services.returns.read_many(plan.id, [out / filled.name, export], Q3)
    assert [o.error for o in outcomes] == ["", ""]
    assert [o.saved.body.name for o in outcomes] == ["大武口区", "惠农区"]
    entries = services.returns.entries(plan.id, Q3)

    def said(body_name):
        body = next(b for b in services.bodies.list_bodies(plan.id) if b.name == body_name)
        return {
            i: (e.progress.status, e.progress.percent, e.progress.progress_text)
            for i, m in enumerate(measures_of(services, plan.id))
            if (e := entries.get((body.id, m.id)))
        }

    assert said("大武口区") == said("惠农区") == values


def test_a_sender_named_only_by_its_sheet(services, city, tmp_path):
    plan, table = city
    path = county_return(tmp_path, table, "某县", {0: (Status.DONE, 100, "已完成")}, file_name="报送.xlsx")
    book = openpyxl.load_workbook(path)
    book.worksheets[0].title = "平罗县"
    book.save(path)
    (outcome,) = services.returns.read_many(plan.id, [path], Q3)
    assert outcome.error == "" and outcome.saved.body.name == "平罗县"


def test_an_unseen_return_other_words_a_stamp_line_and_own_numbers(services, city, tmp_path):
    """推进举措/工作进展/完成比例, 报送单位（盖章）, （1） numbers: read; a file that matches nothing adds no body."""
    plan, _ = city
    measures = measures_of(services, plan.id)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["报送单位（盖章）：贺兰县水务局", None, None, "填报人：张三"])
    sheet.append(["序号", "重点工作", "推进举措", "工作进展", "完成比例"])
    tasks = {n.id: n for n in walk(services.plans.tree(plan.id))}
    for i, measure in enumerate(measures[:3]):
        sheet.append(
            [f"（{i + 1}）", tasks[measure.parent_id].text, measure.text, f"第{i + 1}项已推进", f"{10 * (i + 1)}%"]
        )
    path = tmp_path / "贺兰县报送.xlsx"
    book.save(path)
    (outcome,) = services.returns.read_many(plan.id, [path], Q3)
    assert outcome.error == "" and outcome.saved.recorded == 3 and outcome.saved.body.name == "贺兰县水务局"
    stray = tmp_path / "无关.xlsx"
    other = openpyxl.Workbook()
    other.active.append(["填报单位：银川市水务局"])
    other.active.append(["序号", "重点任务", "具体措施", "完成率"])
    other.active.append(["1", "毫不相干的任务", "毫不相干的措施", "50%"])
    other.save(stray)
    (refused,) = services.returns.read_many(plan.id, [stray], Q3)
    assert "没有一行能与本计划的任务对应上" in refused.error
    assert "银川市水务局" not in [b.name for b in services.bodies.list_bodies(plan.id)]


def test_bodies_with_equal_figures_share_their_place(services, city, tmp_path):
    plan, table = city
    same = {0: (Status.IN_PROGRESS, 60, "推进中")}
    files = [county_return(tmp_path, table, name, same) for name in ("大武口区", "惠农区")]
    files.append(county_return(tmp_path, table, "平罗县", {0: (Status.IN_PROGRESS, 30, "推进中")}))
    services.returns.read_many(plan.id, files, Q3)
    standings = services.summary.summary(plan.id, Q3).standings
    assert [(s.body.name, s.rank) for s in standings] == [("大武口区", 1), ("惠农区", 1), ("平罗县", 3)]


def test_a_new_senders_file_name_wins_over_a_sheet_name_the_table_came_with(services, tmp_path):
    plan, _ = services.importing.import_plan(write_city_table(tmp_path))
    path = county_return(tmp_path, tmp_path / "city.xlsx", "平罗县", {0: (Status.DONE, 100, "")},
                         file_name="平罗县2024年三季度报送.xlsx")  # fmt: skip
    book = openpyxl.load_workbook(path)
    book.active.title = "贺兰县模板"  # a sheet copied from another county's file
    book.save(path)
    (outcome,) = services.returns.read_many(plan.id, [path], Q3)
    assert outcome.saved.body.name == "平罗县" and outcome.added_body
