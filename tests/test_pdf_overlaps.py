"""`_box_overlaps` (a sweep down the page) finds the runs `_box_overlaps_scan` (every run against
every item) finds, on random items: runs and glyphs on shared lines, touching edges, tall items
spanning several lines, items of no height, equal tops."""

from __future__ import annotations

import random
from typing import Any

import pytest

from ingest.pdf_pdfium import _TOUCH, _box_overlaps, _box_overlaps_scan


def _items(rng: random.Random) -> list[dict[str, Any]]:
    items = []
    for _ in range(rng.randint(0, 80)):
        line = rng.randint(0, 12)
        top = 50 + 14 * line + rng.choice([0.0, 0.0, 0.5, -0.3, 7.0])
        height = rng.choice([10.0, 10.0, 0.0, 3.0, 40.0 if rng.random() < 0.1 else 10.0])
        x0 = round(rng.uniform(20, 500), 1)
        width = rng.choice([rng.uniform(1, 60), _TOUCH, 2 * _TOUCH, 0.0])
        item: dict[str, Any] = {"top": top, "bottom": top + height, "x0": x0, "x1": x0 + width}
        if rng.random() < 0.6:
            item["glyphs"] = 3  # a run
        items.append(item)
    for _ in range(rng.randint(0, 6)):  # exact neighbours: edges that meet, within _TOUCH
        a = rng.choice(items) if items else {"top": 0.0, "bottom": 10.0, "x0": 0.0, "x1": 5.0}
        items.append({"top": a["top"], "bottom": a["bottom"], "x0": a["x1"] - _TOUCH, "x1": a["x1"] + 4.0,
                      "glyphs": 2})
    return items


@pytest.mark.parametrize("seed", range(200))
def test_sweep_finds_what_the_scan_finds(seed: int) -> None:
    items = _items(random.Random(seed))
    assert _box_overlaps(items) == _box_overlaps_scan(items)


def test_not_a_number_is_scanned() -> None:
    items = [{"top": float("nan"), "bottom": 10.0, "x0": 0.0, "x1": 9.0, "glyphs": 2},
             {"top": 0.0, "bottom": 10.0, "x0": 1.0, "x1": 8.0}]
    assert _box_overlaps(items) == _box_overlaps_scan(items)
