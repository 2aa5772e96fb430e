"""Find a table's header row and name each column by its meaning.

Header words vary from office to office ("牵头单位", "责任单位", "牵头\\n单位"),
so each column role has synonyms; the longest synonym found in a header cell
wins ("具体任务" beats "任务"). Very short synonyms must match the whole
cell, so that "任务完成情况" is not read as a task column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from sisiding_desktop.exchange.grid.cell_text import compact, loose
from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid

IGNORED = "ignored"  # a known column we do not read (备注, 进展情况…)
SCAN_ROWS = 60  # the header is looked for this far below the first non-empty row (notices can run long)
_MAX_HEADER_CHARS = 24  # longer cells are data, not column names
_EXACT_ONLY_LEN = 2
_MEMO_SIZE = 50_000
_REPEAT_CHARS = 2 * _MAX_HEADER_CHARS  # a repeated header cell, with its spaces and line breaks


class Vocabulary:
    """Column roles and their synonyms, with an optional fallback rule."""

    def __init__(
        self,
        synonyms: Mapping[str, Iterable[str]],
        fallback: Callable[[str], str | None] | None = None,
    ) -> None:
        self._pairs = sorted(
            ((word, role) for role, words in synonyms.items() for word in words),
            key=lambda pair: -len(pair[0]),
        )
        self._fallback = fallback
        self._seen: dict[str, str | None] = {}

    def role_of(self, text: str) -> str | None:
        """The role a header cell names, or None."""
        word = compact(text)
        if not word or len(word) > _MAX_HEADER_CHARS:
            return None
        if word in self._seen:
            return self._seen[word]
        role = self._role_of(word)
        if len(self._seen) < _MEMO_SIZE:  # short texts repeat (unit names, years): each is looked up once
            self._seen[word] = role
        return role

    def _role_of(self, word: str) -> str | None:
        for synonym, role in self._pairs:
            if word == synonym or (len(synonym) > _EXACT_ONLY_LEN and synonym in word):
                return role
        return self._fallback(word) if self._fallback else None


@dataclass(frozen=True)
class Header:
    """Where a header is and which column plays which role."""

    first_row: int
    last_row: int  # data starts below this row
    roles: dict[int, str]  # column → role (IGNORED columns left out)
    texts: dict[int, str]  # column → header text, compacted ("责任单位牵头单位" for two rows)
    words: frozenset[str] = frozenset()  # every header cell's text, to spot a repeated header
    sub_texts: dict[int, str] = field(default_factory=dict)  # second header row, when there is one

    def columns(self, role: str) -> list[int]:
        return [col for col, name in sorted(self.roles.items()) if name == role]

    def column(self, role: str) -> int | None:
        found = self.columns(role)
        return found[0] if found else None

    @property
    def score(self) -> int:
        return len(set(self.roles.values()))


def find_header(grid: SheetGrid, vocabulary: Vocabulary, accept: Callable[[Header], bool]) -> Header | None:
    """The best-scoring header (one row, or two rows with sub-headers) near the top of ``grid``."""
    rows = list(grid.rows())
    if not rows:
        return None
    limit = rows[0] + SCAN_ROWS
    best: Header | None = None
    for row in rows:
        if row > limit:
            break
        for candidate in (_single(grid, row, vocabulary), _pair(grid, row, vocabulary)):
            if candidate and accept(candidate) and (best is None or candidate.score > best.score):
                best = candidate
    return best


def find_header_below(
    grid: SheetGrid, vocabulary: Vocabulary, accept: Callable[[Header], bool], after: int
) -> Header | None:
    """The first header below row ``after``: a second table stacked under the first on the same sheet.

    Only rows naming at least two of the vocabulary's roles are tried, so a long table costs one look per row.
    """
    for row in grid.rows(after + 1):
        texts = grid.fresh_texts(row)
        if len({role for text in texts.values() if (role := vocabulary.role_of(text))}) < 2:
            continue
        for candidate in (_pair(grid, row, vocabulary), _single(grid, row, vocabulary)):
            if candidate and accept(candidate):
                return candidate
    return None


def header_at(grid: SheetGrid, row: int, vocabulary: Vocabulary) -> Header:
    """The one-row header at ``row``, whatever it scores: the row the clerk says is the header."""
    return _single(grid, row, vocabulary)


def _single(grid: SheetGrid, row: int, vocabulary: Vocabulary) -> Header:
    texts = {col: compact(grid.spread_text(row, col)) for col in _columns(grid, row)}
    roles = {col: role for col, text in texts.items() if (role := vocabulary.role_of(text))}
    return Header(row, row, _drop_ignored(roles), texts, frozenset(texts.values()))


def _pair(grid: SheetGrid, row: int, vocabulary: Vocabulary) -> Header | None:
    """A two-row header: "责任单位" merged over "牵头单位 | 配合单位", or "目标值" over years."""
    below = row + 1
    subs = {col: text for col, text in grid.fresh_texts(below).items()}
    if not subs or any(_looks_like_data(text) for text in subs.values()):
        return None
    sub_roles = {col: role for col, text in subs.items() if (role := vocabulary.role_of(text))}
    if not sub_roles:
        return None
    texts: dict[int, str] = {}
    roles: dict[int, str] = {}
    for col in sorted(set(_columns(grid, row)) | set(subs)):
        top = compact(grid.spread_text(row, col))
        sub = compact(subs.get(col, ""))
        texts[col] = top + sub
        role = sub_roles.get(col) or vocabulary.role_of(top) or vocabulary.role_of(top + sub)
        if role:
            roles[col] = role
    words = frozenset(compact(grid.spread_text(row, col)) for col in texts) | frozenset(
        compact(text) for text in subs.values()
    )
    sub_texts = {col: compact(text) for col, text in subs.items()}
    header = Header(row, below, _drop_ignored(roles), texts, words - {""}, sub_texts)
    beaten = max(_single(grid, row, vocabulary).score, _single(grid, below, vocabulary).score)
    return header if header.score > beaten else None


def _looks_like_data(text: str) -> bool:
    """Long sentences and bare numbers (序号 1, 2, …) are data; a year (2025) may be a header."""
    word = compact(text)
    return len(word) > _MAX_HEADER_CHARS or (word.isdigit() and len(word) != 4)


def _columns(grid: SheetGrid, row: int) -> list[int]:
    return [col for col in range(1, grid.max_col + 1) if grid.spread_text(row, col)]


def _drop_ignored(roles: dict[int, str]) -> dict[int, str]:
    return {col: role for col, role in roles.items() if role != IGNORED}


def is_repeated_header(grid: SheetGrid, row: int, header: Header) -> bool:
    """True for a header row repeated inside the table (a table split across pages), however its words are
    spaced or punctuated there."""
    words = _loose_words(header.words)
    texts = [grid.spread_text(row, col) for col in grid.row_texts(row)]
    # a header word is short: longer cells (task texts) are compared no further
    same = sum(1 for text in texts if len(text) <= _REPEAT_CHARS and (word := loose(text)) and word in words)
    return same >= 2 and same * 2 > len(texts)


@lru_cache(maxsize=64)
def _loose_words(words: frozenset[str]) -> frozenset[str]:
    return frozenset(loose(word) for word in words)


def header_signature(header: Header) -> str:
    """The header's words left to right, to know the same template again next quarter."""
    return "|".join(loose(text) for _, text in sorted(header.texts.items()))
