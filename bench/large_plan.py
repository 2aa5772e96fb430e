"""A large, realistic plan, generated deterministically, as an exchange xlsx and as a database.

    .venv/bin/python bench/large_plan.py [--measures 5000] [--out DIR]

The size follows the number of measures; at 5,000 measures the plan has 60
groups (10 chapters 一、… of 5 sections （一）… each), 1,000 tasks of 5 measures,
80 units, 50 indicators and 8 quarters of progress (2023年第1季度 to 2024年第4季度).

``build_exchange_xlsx`` writes the table the way a prefecture sends it (附件
label, title row, header 序号/重点任务/具体落实措施/牵头单位/配合单位/完成时限,
chapter and section rows merged across, 序号 and 重点任务 merged over each
task's measures, a 主要指标 sheet). ``build_database`` imports that file with
the program's own import service, sets the plan years, and records the
indicators' actual values and every quarter's progress through the progress
service (one transaction per quarter, each entry written and change-logged by
``ProgressService.apply`` as a single edit would be).

The same seed and size always give the same file and the same database.
``cached_database`` keeps built databases in the temporary folder, keyed by
size and generator version, so the benchmarks do not rebuild them every run.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sisiding_desktop.domain.model import NodeKind, Period, Status  # noqa: E402

VERSION = 1  # bump when the generated plan changes, so cached databases are rebuilt
SEED = 2024
DEFAULT_MEASURES = 5000
MEASURES_PER_TASK = 5
SECTIONS_PER_CHAPTER = 5
PERIODS = tuple(Period(year, quarter) for year in (2023, 2024) for quarter in (1, 2, 3, 4))
YEAR_FROM, YEAR_TO = 2023, 2025
TITLE = "基准县“四水四定”年度重点任务表"
SHEET = "年度重点任务表"
INDICATOR_SHEET = "主要指标"
HEADER = ("序号", "重点任务", "具体落实措施", "牵头单位", "配合单位", "完成时限")
INDICATOR_HEADER = (
    "序号", "指标类型", "指标名称", "单位", "指标属性", "2022年基期值", "2023年", "2024年", "2025年目标", "责任单位",
)  # fmt: skip
ZH = "一二三四五六七八九十"

CLAUSES = (
    "严格落实最严格水资源管理制度", "推进城镇开发边界划定成果落地实施", "开展节水型单位和居民小区建设",
    "实施老旧供水管网更新改造", "加强农村生活用水设施改造", "持续开展水效标识产品符合性监督检查",
    "优化空间布局并提出管控措施", "确保万元工业增加值用水量较2020年下降7.2%", "推动再生水利用能力提升",
    "完善用水计量监控体系", "落实节水“三同时”制度", "建立健全考核评价机制", "加快高效节水灌溉面积建设",
    "严控地下水超采", "推进灌区续建配套与现代化改造", "开展用水权确权登记和交易", "强化取水许可审批管理",
    "推行合同节水管理", "加强河湖水域岸线空间管控", "落实水资源刚性约束制度",
)  # fmt: skip
CHAPTERS = (
    "坚持以水定人定城，优化城镇空间格局", "坚持以水定产，推动产业结构转型升级", "坚持以水定地，提高农业用水效率",
    "坚持以水定绿，统筹山水林田湖草沙", "强化水资源刚性约束，严格用水总量控制", "推进水价综合改革，健全节水激励机制",
    "加快水网建设，提升水资源保障能力", "强化科技支撑，推广节水先进技术", "加强监管能力建设，提升智慧水务水平",
    "强化组织保障，压实各方责任",
)  # fmt: skip
SECTIONS = (
    "加强城镇开发边界管控", "深度实施城乡生活节水", "推进工业节水减排", "发展节水型农业", "严格地下水管理",
    "推进非常规水源利用", "加强水生态保护修复", "推进用水权改革", "完善计量监测体系", "强化宣传教育",
)  # fmt: skip
TARGET_ITEMS = (
    "节水型医院建成率", "节水型居民小区创建率", "县级以上公共机构节水型单位建成率", "城镇公共供水管网漏损率控制在",
    "高效节水灌溉面积占比", "规模以上工业用水重复利用率", "再生水利用率", "农田灌溉水有效利用系数提高到0.",
)  # fmt: skip
BUREAUS = (
    "水务局", "住建局", "发改局", "自然资源局", "农业农村局", "工信局", "市场监管局", "生态环境局", "财政局",
    "教育局", "卫生健康局", "文化旅游广电局", "商务局", "交通运输局", "林业和草原局", "统计局", "审计局",
    "应急管理局", "民政局", "人力资源社会保障局", "司法局", "公安局", "城市管理局", "气象局", "税务局",
    "科技局", "机关事务服务中心", "融媒体中心", "行政审批服务局", "乡村振兴局", "国有资产服务中心",
    "供电公司", "水务投资集团公司", "城市建设投资公司", "工业园区管委会", "农业综合开发办", "节水办",
    "河长制办公室", "水资源管理中心", "灌溉管理中心",
)  # fmt: skip
TOWNS = (
    "城关镇", "黄渠桥镇", "宝丰镇", "头闸镇", "姚伏镇", "崇岗镇", "陶乐镇", "高庄乡", "灵沙乡", "渠口乡",
    "通伏乡", "高仁乡", "红崖子乡", "前进农场", "简泉农场", "东河镇", "西沟镇", "南湖镇", "北滩乡", "中滩乡",
    "上庄镇", "下营乡", "新华镇", "永丰乡", "太平镇", "和平乡", "红星镇", "金桥乡", "银河镇", "沙湖镇",
    "园艺农场", "渠首镇", "马家湾乡", "石嘴镇", "庙台乡", "兴民镇", "惠农乡", "通义乡", "丰登镇",
)  # fmt: skip
ALL_TOWNS = "各乡镇（农场）"
UNITS = (*BUREAUS, *TOWNS, ALL_TOWNS)  # 80 names
DEADLINES = ("2024年", "2024年6月", "2024年12月", "2023—2025年", "2025年", "2023年", "2024年9月", "长期坚持")
INDICATORS = (
    ("总体目标", "用水总量", "亿立方米", "约束性"), ("总体目标", "万元GDP用水量较2020年下降", "%", "约束性"),
    ("以水定城", "城镇公共供水管网漏损率", "%", "约束性"), ("以水定城", "节水型居民小区建成率", "%", "预期性"),
    ("以水定产", "万元工业增加值用水量较2020年下降", "%", "约束性"),
    ("以水定产", "规模以上工业用水重复利用率", "%", "预期性"),
    ("以水定地", "农田灌溉水有效利用系数", "", "约束性"), ("以水定地", "高效节水灌溉面积", "万亩", "预期性"),
    ("以水定人", "城镇居民人均生活用水量", "升/人·日", "预期性"), ("以水定绿", "再生水利用率", "%", "预期性"),
)  # fmt: skip


def scale(measures: int) -> dict[str, int]:
    """Counts for a plan of ``measures`` measures (60 groups, 1,000 tasks, 80 units, 50 indicators at 5,000)."""
    tasks = max(1, -(-measures // MEASURES_PER_TASK))
    chapters = max(1, round(measures * 10 / DEFAULT_MEASURES))
    return {
        "measures": measures,
        "tasks": tasks,
        "chapters": chapters,
        "groups": chapters * (1 + SECTIONS_PER_CHAPTER),
        "units": max(10, min(len(UNITS), round(measures * len(UNITS) / DEFAULT_MEASURES))),
        "indicators": max(5, round(measures * 50 / DEFAULT_MEASURES)),
    }


def sentence(rng: random.Random, low: int, high: int) -> str:
    """Clauses joined into a sentence of ``low``–``high`` characters or so."""
    parts: list[str] = []
    want = rng.randint(low, high)
    while sum(len(p) for p in parts) < want:
        parts.append(rng.choice(CLAUSES))
    return "，".join(parts) + "。"


def _target(rng: random.Random) -> str:
    item = rng.choice(TARGET_ITEMS)
    if item.endswith("0."):
        return f"{rng.choice((2024, 2025))}年{item}{rng.randint(55, 62)}。"
    return f"{rng.choice((2023, 2024, 2025))}年{item}达到{rng.choice((20, 60, 85, 94, 95, 100))}%。"


def _measure_text(rng: random.Random, number: int) -> str:
    body = sentence(rng, 20, 90)
    return f"{number}.{body}{_target(rng)}" if rng.random() < 0.5 else f"{number}.{_target(rng)}{body}"


def _units_text(rng: random.Random, units: tuple[str, ...], low: int, high: int) -> str:
    count = rng.randint(low, high)
    return "、".join(rng.sample(units, count)) if count else "/"


def table_rows(measures: int, seed: int = SEED) -> tuple[list[tuple], list[str], list[tuple]]:
    """The task sheet's rows (below the header), the cell ranges to merge, and the indicator rows."""
    rng = random.Random(seed)
    size = scale(measures)
    units = UNITS[: size["units"] - 1] + (ALL_TOWNS,)
    sections = size["chapters"] * SECTIONS_PER_CHAPTER
    per_section = [size["tasks"] // sections + (i < size["tasks"] % sections) for i in range(sections)]
    rows: list[tuple] = []
    merges: list[str] = []
    row_no = 4  # rows 1–3: 附件, title, header
    width = len(HEADER)
    last = chr(ord("A") + width - 1)
    task_no, left = 0, measures
    for chapter in range(size["chapters"]):
        rows.append((f"{ZH[chapter % 10]}、{CHAPTERS[chapter % len(CHAPTERS)]}",))
        merges.append(f"A{row_no}:{last}{row_no}")
        row_no += 1
        for section in range(SECTIONS_PER_CHAPTER):
            label = ZH[section % 10]
            rows.append((f"（{label}）{SECTIONS[(chapter + section) % len(SECTIONS)]}",))
            merges.append(f"A{row_no}:{last}{row_no}")
            row_no += 1
            for _ in range(per_section[chapter * SECTIONS_PER_CHAPTER + section]):
                count = min(MEASURES_PER_TASK, left)
                if count <= 0:
                    break
                left -= count
                task_no += 1
                task_text = sentence(rng, 15, 70)
                first = row_no
                for m in range(count):
                    lead = _units_text(rng, units, 1, 2)
                    support = _units_text(rng, units, 0, 3)
                    deadline = rng.choice(DEADLINES)
                    text = _measure_text(rng, m + 1)
                    rows.append((task_no if m == 0 else None, task_text if m == 0 else None, text, lead, support,
                                 deadline))  # fmt: skip
                    row_no += 1
                if count > 1:
                    merges += [f"A{first}:A{row_no - 1}", f"B{first}:B{row_no - 1}"]
    indicators = []
    for i in range(size["indicators"]):
        category, name, unit, attribute = INDICATORS[i % len(INDICATORS)]
        if i >= len(INDICATORS):
            name = f"{name}（{rng.choice(TOWNS)}）"
        base = round(rng.uniform(10, 90), 2)
        targets = [round(base * f, 2) for f in (1.02, 1.05, 1.1)]
        indicators.append((i + 1, category, name, unit, attribute, base, *targets, _units_text(rng, units[:20], 1, 2)))
    return rows, merges, indicators


def build_exchange_xlsx(path: Path | str, measures: int = DEFAULT_MEASURES, seed: int = SEED) -> Path:
    """Write the plan as the exchange workbook a prefecture sends (openpyxl, as offices' files are)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    rows, merges, indicators = table_rows(measures, seed)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(("附件1",))
    ws.append((TITLE,))
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    for cell_range in merges:
        ws.merge_cells(cell_range)
    ws.merge_cells(f"A2:{chr(ord('A') + len(HEADER) - 1)}2")
    ws["A2"].font = Font(name="方正小标宋简体", size=22)
    ws["A2"].alignment = Alignment(horizontal="center")
    for col, width in zip("ABCDEF", (6, 40, 60, 16, 22, 12), strict=True):
        ws.column_dimensions[col].width = width
    sheet = wb.create_sheet(INDICATOR_SHEET)
    sheet.append(("附表", None, "“四水四定”主要指标表"))
    sheet.append(INDICATOR_HEADER)
    for row in indicators:
        sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def progress_entries(node_ids: list[int], seed: int = SEED) -> dict[Period, list[tuple[int, dict]]]:
    """Each quarter's entries: status and percent moving forward, texts now and then."""
    rng = random.Random(seed + 1)
    percent = dict.fromkeys(node_ids, 0)
    entries: dict[Period, list[tuple[int, dict]]] = {}
    for index, period in enumerate(PERIODS):
        rows = []
        for node_id in node_ids:
            if rng.random() < 0.03:  # a few units do not report every quarter
                continue
            step = rng.choice((0, 5, 10, 15, 20, 30))
            percent[node_id] = min(100, percent[node_id] + step)
            done = percent[node_id] >= 100
            late = not done and index >= 4 and rng.random() < 0.12
            status = Status.DONE if done else Status.BEHIND if late else Status.IN_PROGRESS if percent[node_id] else (
                Status.NOT_STARTED)  # fmt: skip
            changes: dict = {
                "status": status.value,
                "percent": percent[node_id],
                "progress_text": f"{period.label}，" + sentence(rng, 20, 80),
                "problems": sentence(rng, 10, 30) if late or rng.random() < 0.2 else "",
                "next_steps": sentence(rng, 10, 30) if not done and rng.random() < 0.5 else "",
                "remarks": "",
                "reported_by": "",
            }
            rows.append((node_id, changes))
        entries[period] = rows
    return entries


def build_database(path: Path | str, measures: int = DEFAULT_MEASURES, seed: int = SEED, *, verbose: bool = False):
    """Create the database at ``path`` (which must not exist) through the program's services; returns the plan."""
    from sisiding_desktop.services import Services
    from sisiding_desktop.services.periods import ensure_period
    from sisiding_desktop.services.tree import walk
    from sisiding_desktop.store import Database

    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    started = time.perf_counter()

    def say(text: str) -> None:
        if verbose:
            print(f"  [{time.perf_counter() - started:6.1f} s] {text}", flush=True)

    with tempfile.TemporaryDirectory(prefix="large_plan_") as tmp:
        xlsx = build_exchange_xlsx(Path(tmp) / f"{TITLE}.xlsx", measures, seed)
        say(f"exchange xlsx written ({xlsx.stat().st_size / 1e6:.1f} MB)")
        db = Database.open(path)
        try:
            services = Services(db, "bench")
            plan, _ = services.importing.import_plan(xlsx, title=TITLE)
            plan = services.plans.update_plan(plan.id, year_from=YEAR_FROM, year_to=YEAR_TO, region="基准县")
            say("imported")
            rng = random.Random(seed + 2)
            for indicator in services.indicators.list_indicators(plan.id):
                for year in (2023, 2024):
                    services.indicators.set_actual(indicator.id, Period(year, 4), f"{rng.uniform(10, 100):.2f}")
            measures_ids = [n.id for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE]
            for period, rows in progress_entries(measures_ids, seed).items():
                with db.transaction() as s:
                    period_row = ensure_period(s, period)
                    for node_id, changes in rows:
                        services.progress.apply(s, node_id, period_row, period, changes)
                say(f"{period.label}: {len(rows)} entries")
        finally:
            db.close()
    return plan


def cache_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "sisiding-bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cached_database(measures: int = DEFAULT_MEASURES, *, verbose: bool = True) -> Path:
    """The generated database of this size, built once and kept in the temporary folder. Copy it before use."""
    path = cache_folder() / f"plan-{measures}-v{VERSION}.sqlite"
    if not path.exists():
        if verbose:
            print(f"building the {measures}-measure database once: {path}", flush=True)
        partial = path.with_suffix(".partial")
        for stale in path.parent.glob(partial.name + "*"):
            stale.unlink()
        build_database(partial, measures, verbose=verbose)
        partial.rename(path)
    return path


def cached_xlsx(measures: int = DEFAULT_MEASURES) -> Path:
    """The generated exchange workbook of this size, written once and kept in the temporary folder."""
    path = cache_folder() / f"plan-{measures}-v{VERSION}.xlsx"
    if not path.exists():
        build_exchange_xlsx(path.with_suffix(".partial.xlsx"), measures).rename(path)
    return path


def copy_database(measures: int, folder: Path) -> Path:
    """A fresh copy of the cached database in ``folder``, so a benchmark never changes the cached one."""
    target = Path(folder) / "bench.sqlite"
    shutil.copyfile(cached_database(measures), target)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=DEFAULT_MEASURES)
    parser.add_argument("--out", type=Path, default=Path("."), help="folder for large_plan.xlsx and large_plan.sqlite")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    size = scale(args.measures)
    print("plan: " + ", ".join(f"{value} {name}" for name, value in size.items()) + f", {len(PERIODS)} quarters")
    start = time.perf_counter()
    xlsx = build_exchange_xlsx(args.out / "large_plan.xlsx", args.measures, args.seed)
    print(f"{xlsx}: {time.perf_counter() - start:.1f} s")
    database = args.out / "large_plan.sqlite"
    for stale in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
        stale.unlink(missing_ok=True)
    start = time.perf_counter()
    build_database(database, args.measures, args.seed, verbose=True)
    print(f"{database}: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
