"""Match the rows of a received table to the measures of a plan, by their text and position.

Texts are compared *normalised*: full-width forms folded (NFKC), labels such
as "1." / "（一）" and a page-split "（续）" removed, then every space and
punctuation mark dropped, so "1、开展 党政机关节水达标建设。" equals
"开展党政机关节水达标建设".

1. Exact: a row whose normalised measure text (or task text, for a task
   without measures) equals a target's. When several rows or targets share
   a text, the pair under the same task, with the same 序号, nearest in table
   order wins.
2. Similar: each row still unmatched is compared with the free targets of
   its own task and those within ``WINDOW`` positions of where the matched
   rows around it say it should be (never all pairs, so 5,000 × 5,000 stays
   fast). Similarity is difflib's ratio of the normalised texts, computed for
   the few candidates whose character-bigram overlap (Dice) is highest. A row
   matches at ``MATCH_THRESHOLD`` (0.8: a few words edited), or at
   ``SAME_TASK_THRESHOLD`` (0.6) when its task text is the target's.
Each target is matched at most once; best pairs are taken first.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from sisiding_desktop.exchange.grid.cell_text import excerpt, loose
from sisiding_desktop.exchange.plan_table.labels import any_label

MATCH_THRESHOLD = 0.8
SAME_TASK_THRESHOLD = 0.6
WINDOW = 40  # table positions searched around a row's expected place
MIN_FUZZY_CHARS = 4  # shorter texts must match exactly
_TOP_CANDIDATES = 3  # candidates per row whose difflib ratio is computed
_MIN_DICE = 0.4  # bigram overlap below which a candidate is not even scored
_NEAR_MISS = 0.5  # similarity worth mentioning in the reason a row was not matched
_MAX_SAME_TASK = 200
_MAX_EXACT_PER_ROW = 20
_TASK_BONUS, _NUMBER_BONUS, _POSITION_WEIGHT = 0.05, 0.02, 0.02
_NOT_WORD = re.compile(r"[\W_]+")
_CONTINUED = re.compile(r"[（(]\s*续\s*[）)]\s*$")
_EXCERPT = 24


@dataclass(frozen=True)
class MatchTarget:
    """One measure (or task without measures) of the plan, in table order."""

    node_id: int
    order: int
    number: str  # the measure's number ("1.") or the task's for a task without measures
    task_number: str  # the task's 序号 ("2")
    task_text: str
    text: str  # the measure's text (the task's, for a task without measures)


@dataclass(frozen=True)
class RowMatch:
    row_index: int
    node_id: int
    score: float  # text similarity, 1.0 for an exact match


@dataclass(frozen=True)
class Unmatched:
    row_index: int
    reason: str  # Chinese


@lru_cache(maxsize=65_536)
def normalise(text: str) -> str:
    """Text for comparing: no labels, spaces, punctuation or width differences.

    Kept for each text: a batch of returned tables repeats the same plan's texts in every file.
    """
    text = _CONTINUED.sub("", unicodedata.normalize("NFKC", text).strip())
    for _ in range(3):  # "（一）1.…" carries two labels
        found = any_label(text)
        if found is None or not found.text:
            break
        text = found.text
    return _NOT_WORD.sub("", text).lower()


def match_rows(
    rows: Sequence[tuple[str, str, str]], targets: Sequence[MatchTarget]
) -> tuple[list[RowMatch], list[Unmatched]]:
    """Pair ``rows`` (序号, task text, measure text) with ``targets``; report the rows left over."""
    matcher = _Matcher(rows, targets)
    matcher.match_exact()
    matcher.match_similar()
    return matcher.result()


@dataclass
class _Row:
    index: int
    key: str  # normalised measure text, or task text for a row without a measure
    task: str
    number: str
    text: str  # as written, for messages


@dataclass
class _Target:
    position: int  # index in table order
    node_id: int
    key: str
    task: str
    numbers: frozenset[str]


class _Matcher:
    def __init__(self, rows: Sequence[tuple[str, str, str]], targets: Sequence[MatchTarget]) -> None:
        self.rows = [_row(i, *row) for i, row in enumerate(rows)]
        ordered = sorted(targets, key=lambda t: t.order)
        self.targets = [_target(p, t) for p, t in enumerate(ordered)]
        self.by_key: dict[str, list[_Target]] = {}
        self.by_task: dict[str, list[_Target]] = {}
        for target in self.targets:
            self.by_key.setdefault(target.key, []).append(target)
            if target.task:
                self.by_task.setdefault(target.task, []).append(target)
        self.matched: dict[int, tuple[_Target, float]] = {}  # row index → (target, similarity)
        self.used: set[int] = set()  # target positions
        self.best_seen: dict[int, tuple[float, _Target]] = {}  # row index → best similar candidate
        self._bigrams: dict[str, frozenset[str]] = {}

    # -- exact ------------------------------------------------------------

    def match_exact(self) -> None:
        pairs = []
        for row in self.rows:
            same = self.by_key.get(row.key, []) if row.key else []
            if len(same) > _MAX_EXACT_PER_ROW:
                expected = self._relative_position(row)
                same = sorted(same, key=lambda t: abs(t.position - expected))[:_MAX_EXACT_PER_ROW]
            for target in same:
                pairs.append((1.0 + self._bonus(row, target, self._relative_position(row)), row, target, 1.0))
        self._assign(pairs)

    def _relative_position(self, row: _Row) -> float:
        return row.index * len(self.targets) / max(len(self.rows), 1)

    # -- similar ----------------------------------------------------------

    def match_similar(self) -> None:
        anchors = sorted((index, target.position) for index, (target, _) in self.matched.items())
        pairs = []
        for row in self.rows:
            if row.index in self.matched or len(row.key) < MIN_FUZZY_CHARS:
                continue
            expected = _expected_position(row.index, anchors, self._relative_position(row))
            for target, similarity in self._scored(row, expected):
                previous = self.best_seen.get(row.index)
                if previous is None or similarity > previous[0]:
                    self.best_seen[row.index] = (similarity, target)
                if similarity >= MATCH_THRESHOLD or (similarity >= SAME_TASK_THRESHOLD and _same_task(row, target)):
                    pairs.append((similarity + self._bonus(row, target, expected), row, target, similarity))
        self._assign(pairs)

    def _scored(self, row: _Row, expected: float) -> list[tuple[_Target, float]]:
        """The best few free candidates for ``row`` with their difflib similarity."""
        row_grams = self._grams(row.key)
        dice = []
        for target in self._candidates(row, expected):
            if len(target.key) < MIN_FUZZY_CHARS:
                continue
            grams = self._grams(target.key)
            overlap = 2 * len(row_grams & grams) / max(len(row_grams) + len(grams), 1)
            if overlap >= _MIN_DICE:
                dice.append((overlap, -abs(target.position - expected), target))
        dice.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return [
            (target, SequenceMatcher(None, row.key, target.key, autojunk=False).ratio())
            for _, _, target in dice[:_TOP_CANDIDATES]
        ]

    def _candidates(self, row: _Row, expected: float) -> list[_Target]:
        found: dict[int, _Target] = {}
        centre = round(expected)
        for position in range(max(0, centre - WINDOW), min(len(self.targets), centre + WINDOW + 1)):
            if position not in self.used:
                found[position] = self.targets[position]
        for target in self.by_task.get(row.task, [])[:_MAX_SAME_TASK] if row.task else []:
            if target.position not in self.used:
                found[target.position] = target
        return list(found.values())

    def _grams(self, text: str) -> frozenset[str]:
        grams = self._bigrams.get(text)
        if grams is None:
            grams = frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset({text})
            self._bigrams[text] = grams
        return grams

    # -- both -------------------------------------------------------------

    def _bonus(self, row: _Row, target: _Target, expected: float) -> float:
        bonus = _TASK_BONUS if _same_task(row, target) else 0.0
        bonus += _NUMBER_BONUS if row.number and row.number in target.numbers else 0.0
        distance = abs(target.position - expected) / max(len(self.targets), 1)
        return bonus - _POSITION_WEIGHT * min(distance * 10, 1.0)

    def _assign(self, pairs: list) -> None:
        pairs.sort(key=lambda pair: (-pair[0], pair[1].index, pair[2].position))
        for _, row, target, similarity in pairs:
            if row.index in self.matched or target.position in self.used:
                continue
            self.matched[row.index] = (target, similarity)
            self.used.add(target.position)

    def result(self) -> tuple[list[RowMatch], list[Unmatched]]:
        matches = [
            RowMatch(index, target.node_id, round(similarity, 3))
            for index, (target, similarity) in sorted(self.matched.items())
        ]
        unmatched = [Unmatched(row.index, self._reason(row)) for row in self.rows if row.index not in self.matched]
        return matches, unmatched

    def _reason(self, row: _Row) -> str:
        if not row.key:
            return "这一行没有重点任务或具体措施的文字，无法对应"
        text = f"“{excerpt(row.text, _EXCERPT)}”"
        if row.key in self.by_key:
            return f"{text}与方案中的措施相同，但该措施已与另一行对应（可能是重复的行）"
        similarity, target = self.best_seen.get(row.index, (0.0, None))
        if target is not None and target.position in self.used and similarity >= MATCH_THRESHOLD:
            return f"{text}最相近的措施已与另一行对应（可能是重复的行）"
        if similarity >= _NEAR_MISS:
            return (
                f"方案中没有{text}这条措施（最相近的一条相似度为{similarity:.0%}，低于{MATCH_THRESHOLD:.0%}的匹配要求）"
            )
        return f"方案中没有{text}这条措施"


def _row(index: int, number: str, task: str, measure: str) -> _Row:
    key = normalise(measure) or normalise(task)
    text = " ".join((measure if normalise(measure) else task).split())
    return _Row(index, key, normalise(task), _number(number), text)


def _target(position: int, target: MatchTarget) -> _Target:
    numbers = frozenset(n for n in (_number(target.number), _number(target.task_number)) if n)
    return _Target(position, target.node_id, normalise(target.text), normalise(target.task_text), numbers)


def _number(text: str) -> str:
    return loose(text)


def _same_task(row: _Row, target: _Target) -> bool:
    return bool(row.task) and row.task == target.task


def _expected_position(index: int, anchors: list[tuple[int, int]], fallback: float) -> float:
    """Where row ``index`` should sit in the plan, from the nearest exactly matched rows around it."""
    if not anchors:
        return fallback
    after = bisect_left(anchors, (index, -1))  # first anchor at or after ``index``
    if after > 0:
        row, position = anchors[after - 1]
        return position + (index - row)
    row, position = anchors[after]
    return position - (row - index)
