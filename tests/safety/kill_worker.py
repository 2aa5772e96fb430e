"""A child process that runs one of the program's write paths over and over until it is killed.

    python tests/safety/kill_worker.py DB JOURNAL SCENARIO SEED

Before each operation it appends ``{"start": n, "expect": {...}}`` to the
journal, and after the service call has returned (the change is reported as
saved) ``{"done": n}``; both lines are fsync'd. ``expect`` maps a key (what to
look at in the database) to the value the operation leaves there. The parent
kills this process with SIGKILL at a random moment and checks the database
against the journal.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sisiding_desktop.domain.model import NodeKind, Period, Role  # noqa: E402
from sisiding_desktop.services import Services  # noqa: E402
from sisiding_desktop.services.tree import walk  # noqa: E402
from sisiding_desktop.store import Database  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "平罗县四水四定年度重点任务表.xlsx"
PERIOD = Period(2024, 3)
RESTORED_TITLE = "备份中的计划"
ADDED = "新增措施"


class Journal:
    def __init__(self, path: Path) -> None:
        self.handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
        self.count = len(path.read_text(encoding="utf-8").splitlines())

    def write(self, record: dict) -> None:
        self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def run(self, expect: dict[str, object], operation) -> None:
        self.count += 1
        number = self.count
        self.write({"start": number, "expect": expect})
        operation()
        self.write({"done": number})


def measures(services: Services, plan_id: int) -> list:
    return [n for n in walk(services.plans.tree(plan_id)) if n.kind is NodeKind.MEASURE]


def progress(services: Services, journal: Journal, rng: random.Random) -> None:
    plan_id = services.plans.list_plans()[0].id
    nodes = measures(services, plan_id)
    while True:
        node = rng.choice(nodes)
        percent = rng.randrange(101)
        text = f"第{journal.count + 1}次填报：完成{percent}%"
        journal.run(
            {f"progress:{node.id}": [percent, text]},
            lambda n=node, p=percent, t=text: services.progress.record(n.id, PERIOD, percent=p, progress_text=t),
        )


def edit(services: Services, journal: Journal, rng: random.Random) -> None:
    plan_id = services.plans.list_plans()[0].id
    nodes = [n for n in measures(services, plan_id) if not n.text.startswith(ADDED)]  # added ones keep their text
    while True:
        node = rng.choice(nodes)
        if rng.random() < 0.7:
            text = f"修改后的措施内容（第{journal.count + 1}次）"
            journal.run({f"text:{node.id}": text}, lambda n=node, t=text: services.nodes.update_node(n.id, text=t))
        else:
            text = f"{ADDED}{journal.count + 1}"
            journal.run(
                {f"added:{text}": 1},
                lambda n=node, t=text: services.nodes.add_node(plan_id, n.parent_id, NodeKind.MEASURE, t),
            )


def merge(services: Services, journal: Journal, rng: random.Random) -> None:
    plan_id = services.plans.list_plans()[0].id
    nodes = measures(services, plan_id)
    keep = services.units.find_unit("水务局") or services.units.create_unit("水务局")
    while True:
        name = f"临时单位{journal.count + 1}"
        node = rng.choice(nodes)
        journal.run({f"unit:{name}": "present"}, lambda nm=name, n=node: _new_unit_on(services, n.id, nm))
        drop = services.units.find_unit(name)
        journal.run({f"unit:{name}": "merged"}, lambda d=drop: services.units.merge_units(keep.id, d.id))


def _new_unit_on(services: Services, node_id: int, name: str) -> None:
    supports = [u.name for u in services.nodes.get_node(node_id).support]
    services.units.assign_units(node_id, Role.SUPPORT, [*supports, name])


def importing(services: Services, journal: Journal, rng: random.Random) -> None:
    while True:
        title = f"导入的计划{journal.count + 1}"
        journal.run({f"plan:{title}": "whole"}, lambda t=title: services.importing.import_plan(SAMPLE, title=t))


def backup(services: Services, journal: Journal, rng: random.Random) -> None:
    folder = Path(services.db.path).parent / "copies"
    folder.mkdir(exist_ok=True)
    plan_id = services.plans.list_plans()[0].id
    while True:
        out = folder / f"备份{journal.count + 1}.sqlite"
        journal.run({f"copy:{out}": "sound"}, lambda o=out: services.backups.backup_to(o))
        title = f"备份之间的修改{journal.count + 1}"
        journal.run({f"title:{plan_id}": title}, lambda t=title: services.plans.update_plan(plan_id, title=t))


def restore(services: Services, journal: Journal, rng: random.Random) -> None:
    source = Path(services.db.path).parent / "restore-source.sqlite"
    plan_id = services.plans.list_plans()[0].id
    while True:
        title = f"恢复之前的修改{journal.count + 1}"
        journal.run({f"title:{plan_id}": title}, lambda t=title: services.plans.update_plan(plan_id, title=t))
        journal.run({f"title:{plan_id}": RESTORED_TITLE}, lambda: services.backups.restore_from(source))


SCENARIOS = {
    "progress": progress,
    "edit": edit,
    "merge": merge,
    "import": importing,
    "backup": backup,
    "restore": restore,
}


def main() -> None:
    db_path, journal_path, scenario, seed = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    services = Services(Database.open(db_path), user="测试员")
    journal = Journal(journal_path)
    print("ready", flush=True)
    SCENARIOS[scenario](services, journal, random.Random(seed))


if __name__ == "__main__":
    main()
