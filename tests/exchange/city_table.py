"""Task tables laid out as other offices send them (a prefecture's own, one with a column nobody expects),
written to real xlsx files for tests."""

from __future__ import annotations

from pathlib import Path

from tests.exchange.workbooks import merge, put_rows, save, sheet

HEADER = ["序号", "类别", "主要任务", "细化措施", "牵头单位", "参与单位", "责任单位", "备注"]
GROUP1 = "（一）坚持以水定城，优化城市布局"
GROUP1_SPLIT = "（一）坚持以水定城，\n优化城市布局"  # the same label at the top of page 2, broken by the narrow column
GROUP2 = "（二）严格落实以水定地 ,推动水土资源协调发展"
GROUP2_CLEAN = "（二）严格落实以水定地，推动水土资源协调发展"
LOCAL = "各县（市、区）人民政府"
FARMS = ("市农业农村局", "市水利局", LOCAL, None)


def write_city_table(folder: Path) -> Path:
    wb, ws = sheet("附件")
    put_rows(
        ws,
        [
            ["长治市四水四定重点任务分工表"],
            HEADER,
            [1, GROUP1, "推进节水型城市建设", "1.创建国家节水型城市。", "市住建局", "市水利局", LOCAL, "2025年完成"],
            [
                2,
                None,
                "加强供水管网改造",
                "2.实施供水管网漏损治理。\n3.推进二次供水设施改造。",
                "市住建局",
                "市发展改革委市财政局",
                LOCAL,
                None,
            ],
            [3, None, "优化农田灌\n溉规模和布\n局", "4.严格控制高耗水作物种植。", *FARMS],
            HEADER,  # page 2: the header, the group (broken otherwise) and the task cut by the page break
            [None, GROUP1_SPLIT, "优化农田灌溉规模和布局", "5.推广高效节水灌溉。", *FARMS],
            [4, GROUP2, "强化用水定额管理", "6.修订用水定额。", "市水利局", "市市场监管局", LOCAL, None],
            [5, None, "推进工业节水", "7.开展节水型企业建设。\n8.推动园区循环用水。", "市工信局", "市水利局", LOCAL],
            [None, "（三）保障措施", None, "1.加强组织领导。", "市水利局", "市直各有关部门", LOCAL, None],
            [None, None, None, "2.强化监督考核。", "市水利局", None, LOCAL, None],
        ],
    )
    merge(ws, "A1:H1", "B3:B5", "B7:B7", "B8:B9", "B10:B11")
    return save(wb, folder, "city.xlsx")


def write_scored_table(folder: Path, name: str = "考核表.xlsx") -> Path:
    """A county table with a column the program does not know (考核分值) and a task with two measures."""
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位", "考核分值"],
            [1, "推进灌区改造", "1.完成灌区续建配套。", "县水利局", "5分"],
            [None, None, "2.开展灌区标准化管理。", "县水利局", None],
            [2, "推广节水灌溉", "1.新增高效节水灌溉面积。", "县农业农村局", "3分"],
        ],
    )
    return save(wb, folder, name)
