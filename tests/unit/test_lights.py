"""Red, yellow and green lights from the due date, the status and the percent done."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sisiding_desktop.domain.lights import LightSettings, compute_light, elapsed_share
from sisiding_desktop.domain.model import Deadline, Light, Status

YEAR_2024 = Deadline("2024年", None, date(2024, 12, 31))
# 100 days, 2024-01-01 … 2024-04-09: on 2024-02-19 (day 50) the elapsed share is exactly 50%.
HUNDRED_DAYS = Deadline("2024年1月—4月9日", date(2024, 1, 1), date(2024, 4, 9))
DAY_50 = date(2024, 2, 19)
NO_DEADLINE = Deadline("长期坚持")


# ---- settings ---------------------------------------------------------------------------------


def test_default_settings() -> None:
    assert LightSettings().to_mapping() == {"behind_margin": 10, "due_soon_days": 30}


def test_settings_round_trip() -> None:
    settings = LightSettings(behind_margin=15, due_soon_days=7)
    assert LightSettings.from_mapping(settings.to_mapping()) == settings


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, LightSettings()),
        ({"behind_margin": "20"}, LightSettings(20, 30)),
        ({"behind_margin": " 20% ", "due_soon_days": "１４"}, LightSettings(20, 14)),
        ({"due_soon_days": 7.4}, LightSettings(10, 7)),
        ({"behind_margin": "很多", "due_soon_days": None}, LightSettings()),
        ({"behind_margin": True}, LightSettings()),
        ({"behind_margin": float("nan")}, LightSettings()),
        ({"behind_margin": [5]}, LightSettings()),
        ({"behind_margin": -5, "due_soon_days": 99999}, LightSettings(0, 3650)),
        ({"behind_margin": 250}, LightSettings(100, 30)),
        ({"other": 1, "due_soon_days": 0}, LightSettings(10, 0)),
    ],
)
def test_settings_from_mapping(values: dict, expected: LightSettings) -> None:
    assert LightSettings.from_mapping(values) == expected


# ---- elapsed share (序时进度) ------------------------------------------------------------------


def test_elapsed_share_of_a_year() -> None:
    assert elapsed_share(YEAR_2024, date(2024, 9, 30)) == pytest.approx(274 / 366 * 100)
    assert elapsed_share(YEAR_2024, date(2024, 12, 31)) == 100.0
    assert elapsed_share(YEAR_2024, date(2024, 1, 1)) == pytest.approx(100 / 366)


def test_elapsed_share_is_clamped() -> None:
    assert elapsed_share(YEAR_2024, date(2023, 6, 1)) == 0.0
    assert elapsed_share(YEAR_2024, date(2025, 6, 1)) == 100.0


def test_elapsed_share_uses_the_range_start() -> None:
    assert elapsed_share(HUNDRED_DAYS, DAY_50) == pytest.approx(50.0)
    ranged = Deadline("2023—2025年", date(2023, 1, 1), date(2025, 12, 31))
    assert elapsed_share(ranged, date(2024, 7, 1)) == pytest.approx((365 + 183) / 1096 * 100)


def test_elapsed_share_uses_the_plan_start_without_a_range() -> None:
    assert elapsed_share(YEAR_2024, date(2024, 7, 1), plan_start=date(2023, 1, 1)) == pytest.approx(
        (365 + 183) / 731 * 100
    )
    ranged = Deadline("x", date(2024, 1, 1), date(2024, 12, 31))  # the deadline's own start wins
    assert elapsed_share(ranged, date(2024, 7, 1), plan_start=date(2023, 1, 1)) == pytest.approx(183 / 366 * 100)


def test_a_plan_start_after_the_due_date_falls_back_to_new_year() -> None:
    assert elapsed_share(YEAR_2024, date(2024, 7, 1), plan_start=date(2025, 1, 1)) == pytest.approx(183 / 366 * 100)


def test_no_due_date_no_share() -> None:
    assert elapsed_share(NO_DEADLINE, date(2024, 7, 1)) is None


# ---- lights --------------------------------------------------------------------------------------


@pytest.mark.parametrize("today", [date(2024, 3, 1), date(2024, 12, 31), date(2026, 1, 1)])
def test_done_is_always_green(today: date) -> None:
    assert compute_light(YEAR_2024, Status.DONE, 30, today) is Light.GREEN
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 100, today) is Light.GREEN
    assert compute_light(YEAR_2024, None, 100, today) is Light.GREEN
    assert compute_light(NO_DEADLINE, Status.DONE, None, today) is Light.GREEN


def test_red_only_after_the_due_day() -> None:
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 95, date(2025, 1, 1)) is Light.RED
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 95, date(2024, 12, 31)) is Light.YELLOW  # due today


def test_due_soon_boundary() -> None:
    end = YEAR_2024.end
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 99, end - timedelta(days=30)) is Light.YELLOW
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 99, end - timedelta(days=31)) is Light.GREEN


def test_due_soon_with_other_settings() -> None:
    end = YEAR_2024.end
    week = LightSettings(due_soon_days=7)
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 99, end - timedelta(days=7), week) is Light.YELLOW
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 99, end - timedelta(days=8), week) is Light.GREEN
    off = LightSettings(due_soon_days=0)
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 99, end, off) is Light.GREEN


def test_behind_margin_boundary() -> None:
    far = LightSettings(due_soon_days=0)
    assert compute_light(HUNDRED_DAYS, Status.IN_PROGRESS, 40, DAY_50, far) is Light.GREEN  # exactly 10 behind
    assert compute_light(HUNDRED_DAYS, Status.IN_PROGRESS, 39, DAY_50, far) is Light.YELLOW
    assert compute_light(HUNDRED_DAYS, Status.IN_PROGRESS, 70, DAY_50, far) is Light.GREEN  # ahead


def test_behind_margin_with_other_settings() -> None:
    strict = LightSettings(behind_margin=0, due_soon_days=0)
    assert compute_light(HUNDRED_DAYS, Status.IN_PROGRESS, 50, DAY_50, strict) is Light.GREEN
    assert compute_light(HUNDRED_DAYS, Status.IN_PROGRESS, 49, DAY_50, strict) is Light.YELLOW
    lenient = LightSettings(behind_margin=30, due_soon_days=0)
    assert compute_light(HUNDRED_DAYS, Status.IN_PROGRESS, 20, DAY_50, lenient) is Light.GREEN
    assert compute_light(HUNDRED_DAYS, Status.IN_PROGRESS, 19, DAY_50, lenient) is Light.YELLOW


def test_behind_share_counts_from_the_plan_start() -> None:
    far = LightSettings(due_soon_days=0)
    today = date(2024, 7, 1)  # half of 2024, three quarters of 2023–2024
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 45, today, far) is Light.GREEN
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 45, today, far, plan_start=date(2023, 1, 1)) is Light.YELLOW


def test_behind_status_is_yellow_until_due_then_red() -> None:
    assert compute_light(YEAR_2024, Status.BEHIND, 90, date(2024, 3, 1)) is Light.YELLOW
    assert compute_light(YEAR_2024, Status.BEHIND, 90, date(2025, 1, 1)) is Light.RED
    assert compute_light(NO_DEADLINE, Status.BEHIND, None, date(2024, 3, 1)) is Light.YELLOW


def test_no_deadline_no_light_unless_behind() -> None:
    for status in (None, Status.NOT_STARTED, Status.IN_PROGRESS):
        assert compute_light(NO_DEADLINE, status, 10, date(2024, 3, 1)) is None


def test_suspended() -> None:
    assert compute_light(NO_DEADLINE, Status.SUSPENDED, 10, date(2024, 3, 1)) is None
    assert compute_light(YEAR_2024, Status.SUSPENDED, 0, date(2024, 12, 20)) is None  # neither behind nor due soon
    assert compute_light(YEAR_2024, Status.SUSPENDED, 0, date(2025, 1, 1)) is Light.RED
    assert compute_light(YEAR_2024, Status.SUSPENDED, 100, date(2025, 1, 1)) is Light.GREEN


def test_missing_percent() -> None:
    far = LightSettings(due_soon_days=0)
    early, late = date(2024, 1, 20), date(2024, 7, 1)
    assert compute_light(YEAR_2024, None, None, early, far) is Light.GREEN
    assert compute_light(YEAR_2024, None, None, late, far) is Light.YELLOW  # nothing reported counts as 0%
    assert compute_light(YEAR_2024, Status.NOT_STARTED, None, late, far) is Light.YELLOW
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, None, late, far) is Light.GREEN  # not judged


def test_on_time_is_green() -> None:
    assert compute_light(YEAR_2024, Status.IN_PROGRESS, 60, date(2024, 7, 1)) is Light.GREEN
    assert compute_light(YEAR_2024, Status.NOT_STARTED, 0, date(2024, 1, 15)) is Light.GREEN


def test_status_given_as_its_value() -> None:
    assert compute_light(YEAR_2024, "done", 0, date(2026, 1, 1)) is Light.GREEN  # type: ignore[arg-type]
