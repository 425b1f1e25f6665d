"""`LeanTableFinder` finds pdfplumber's tables: the same intersections (with their edges), the
same cells in the same order and the same tables, on ruled grids, grids whose rules stop short,
overlap or lie a tolerance apart (the comparisons its sort narrows must still round as
pdfplumber's do), merged cells, and on the pages the reader builds from fixtures."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from pdf_fixtures import new_canvas
from pdfplumber.table import TableFinder

from ingest.pdf_pdfium import EdgesPage, FastPage, open_document, page_edges, slim_edges
from ingest.pdf_tables import LeanTableFinder


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "doctop": top, "orientation": "h" if top == bottom else "v", "object_type": "line"}


def _found(finder: Any) -> tuple:
    def box(e: dict[str, Any]) -> tuple:
        return (e["x0"], e["top"], e["x1"], e["bottom"])

    points = {p: (sorted(map(box, v["v"])), sorted(map(box, v["h"]))) for p, v in finder.intersections.items()}
    return points, finder.cells, [t.cells for t in finder.tables]


def _random_grid(rng: random.Random) -> list[dict[str, Any]]:
    xs = sorted(rng.uniform(20, 580) for _ in range(rng.randint(2, 9)))
    ys = sorted(rng.uniform(20, 800) for _ in range(rng.randint(2, 14)))
    edges = []
    for y in ys:  # rows: some stop short, some are cut in pieces, some lie near the tolerance
        a, b = xs[0] + rng.choice([0, 0, 1.0, 2.999, 3.0, 3.001, -2.0]), xs[-1] + rng.choice([0, 0, -4.0, 2.5])
        if rng.random() < 0.2:
            mid = rng.uniform(a, b)
            edges += [_edge(a, y, mid, y), _edge(mid + rng.choice([0.5, 3.0, 3.002, 5.0]), y, b, y)]
        elif a < b:
            edges.append(_edge(a, y, b, y))
    for x in xs:
        if rng.random() < 0.15:
            continue  # a missing rule merges cells
        top, bottom = ys[0] + rng.choice([0, 0, 1.0, 2.998, -1.0]), ys[-1] + rng.choice([0, 0, -3.0, 1.0])
        edges.append(_edge(x, top, x, bottom))
        if rng.random() < 0.2:  # a second rule a tolerance or so beside it: snapped, or not
            x2 = x + rng.choice([0.999, 1.0, 1.001, 2.999, 3.0, 3.001])
            edges.append(_edge(x2, top, x2, bottom))
    for _ in range(rng.randint(0, 4)):  # stray rules
        x, y = rng.uniform(0, 600), rng.uniform(0, 800)
        edges.append(_edge(x, y, x + rng.uniform(1, 80), y) if rng.random() < 0.5 else _edge(x, y, x, y + rng.uniform(1, 80)))
    return edges


class _Edges:
    def __init__(self, edges: list[dict[str, Any]]) -> None:
        self.edges, self.bbox, self.chars = edges, (0, 0, 612, 842), []


@pytest.mark.parametrize("seed", range(60))
def test_random_grids_find_pdfplumbers_tables(seed: int) -> None:
    page = _Edges(_random_grid(random.Random(seed)))
    for settings in (None, {"snap_tolerance": 2.996, "join_tolerance": 2.996, "intersection_tolerance": 2.996},
                     {"intersection_tolerance": 1.0}):
        assert _found(LeanTableFinder(page, settings)) == _found(TableFinder(page, settings))


def _slim(edges: list[dict[str, Any]]) -> list[tuple]:
    return [(e["orientation"], e["x0"], e["x1"], e["top"], e["bottom"], e["width"], e["height"]) for e in edges]


@pytest.mark.parametrize("seed", range(60))
def test_merged_edges_are_pdfplumbers_to_the_bit(seed: int) -> None:
    # snapping averages each cluster's values and moves each edge by (mean - its value): the
    # same sums in the same order, or a rule lands a float's ulp away and a cell can differ
    rng = random.Random(seed)
    edges = _random_grid(rng)
    edges += [_edge(e["x0"] + 0.1, e["top"], e["x1"] + 0.1, e["bottom"]) for e in rng.sample(edges, len(edges) // 3)]
    for settings in (None, {"snap_tolerance": 2.996, "join_tolerance": 3.004, "edge_min_length": 2.996},
                     {"snap_x_tolerance": 0, "snap_y_tolerance": 1.5, "join_tolerance": 0.5},
                     {"snap_tolerance": 0, "join_tolerance": 0}):
        assert _slim(LeanTableFinder(_Edges(edges), settings).edges) == _slim(TableFinder(_Edges(edges), settings).get_edges())


def test_snapped_rule_moves_by_the_difference_as_pdfplumbers() -> None:
    # three rules snapped to one: each lands at x + (mean - x), which for the first is not the
    # mean itself (1.9965307937522931, not ...34)
    xs = (0.8377403976869103, 2.4514579333789674, 2.7003940501910026)
    edges = [_edge(x, 100, x, 200) for x in xs] + [_edge(0, 100, 10, 100), _edge(0, 200, 10, 200)]
    lean, plumber = LeanTableFinder(_Edges(edges)).edges, TableFinder(_Edges(edges)).get_edges()
    assert _slim(lean) == _slim(plumber)
    assert sorted({e["x0"] for e in lean if e["orientation"] == "v"}) == [1.9965307937522931, 1.9965307937522934]


def test_grid_of_equal_rules_finds_every_cell() -> None:
    edges = [_edge(50, y, 350, y) for y in (100, 120, 140, 160)] + [_edge(x, 100, x, 160) for x in (50, 150, 250, 350)]
    lean = LeanTableFinder(_Edges(edges))
    assert _found(lean) == _found(TableFinder(_Edges(edges)))
    assert len(lean.cells) == 9 and len(lean.tables) == 1


def test_intersections_at_the_tolerance_round_as_pdfplumbers() -> None:
    # a vertical rule ending exactly the tolerance above a row, and one a hair further
    edges = [_edge(10, 100.0, 300, 100.0), _edge(10, 140.0, 300, 140.0),
             _edge(10, 101.0, 10, 140.0), _edge(300, 100.1 + 0.9, 300, 140.0), _edge(150, 101.0000001, 150, 140.0)]
    assert _found(LeanTableFinder(_Edges(edges))) == _found(TableFinder(_Edges(edges)))


def test_fixture_page_tables_alike(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    c = new_canvas(path)
    for k in range(12):  # a ruled table, one merged cell, and a box beside it
        y = 700 - 18 * k
        c.line(60, y, 460, y)
        c.drawString(66, y - 13, f"Row {k}")
    for x in (60, 200, 330, 460):
        c.line(x, 700, x, 700 - 18 * 11)
    c.rect(480, 500, 60, 40, stroke=1, fill=0)
    fast = _saved_fast_page(c, path)
    view = EdgesPage(fast.bbox, page_edges(fast.lines, fast.rects, fast.curves), fast.chars)
    lean = LeanTableFinder(view)
    assert _found(lean) == _found(TableFinder(view))
    assert len(lean.tables) == 1 and len(lean.tables[0].rows) == 11


def _ruled_page(path: Path) -> FastPage:
    """A page of lines, rectangles (filled and not, one of no height) and a curve, read by the fast path."""
    c = new_canvas(path)
    for k in range(6):
        c.line(60, 700 - 18 * k, 460, 700 - 18 * k)
    c.line(60, 700, 60, 610)
    c.rect(480, 500, 60, 40, stroke=1, fill=0)
    c.rect(100.25, 300.125, 33.3, 12.7, stroke=0, fill=1)
    c.rect(200, 250, 80, 0, stroke=1, fill=0)
    # a box whose bottom is not its top plus its height in floats (25.41 + 37.81999999999999):
    # `rect_to_edges` gives its bottom side the sum
    c.rect(225.51, 778.66, 29.69, 37.82, stroke=0, fill=1)
    path_ = c.beginPath()
    path_.moveTo(300, 300)
    path_.curveTo(320, 340, 360, 340, 380, 300)
    path_.lineTo(380, 280)
    c.drawPath(path_, stroke=1, fill=0)
    return _saved_fast_page(c, path)


def _saved_fast_page(c: Any, path: Path) -> FastPage:
    """The canvas ``c`` saved as ``path``, its one page read by the fast path."""
    c.showPage()
    c.save()
    doc = open_document(str(path))
    try:
        page = doc[0]
        fast = FastPage.from_page(page, runs=False)
        page.close()
    finally:
        doc.close()
    assert fast is not None
    return fast


def test_slim_edges_are_pdfplumbers_edges_cut_down(tmp_path: Path) -> None:
    """`slim_edges` gives each of pdfplumber's edges (`page_edges`) with the keys the finder
    reads: the same values of the same types, in the same order."""
    fast = _ruled_page(tmp_path / "ruled.pdf")
    assert fast.lines and fast.rects and fast.curves
    assert any(r["top"] + r["height"] != r["bottom"] for r in fast.rects)  # (the case `rect_to_edges` adds up)
    full = page_edges(fast.lines, fast.rects, fast.curves)
    slim = slim_edges(fast.lines, fast.rects, fast.curves)
    keys = ("x0", "x1", "top", "bottom", "width", "height", "orientation")
    expected = [[(k, e[k], type(e[k])) for k in keys] for e in full]
    assert [[(k, e[k], type(e[k])) for k in keys] for e in slim] == expected
    view = EdgesPage(fast.bbox, slim, fast.chars, full=lambda: full)
    assert _found(LeanTableFinder(view)) == _found(TableFinder(EdgesPage(fast.bbox, full, fast.chars)))


def test_slim_edges_not_finite_go_pdfplumbers_way_on_its_edges() -> None:
    """Edges the finder cannot sort (NaN) go to pdfplumber's own steps, which read every key:
    the view's full edges are put in first."""
    full = [_edge(10, 100.0, 300, 100.0), _edge(10, 140.0, 300, 140.0), _edge(10, 100.0, 10, 140.0),
            _edge(300, 100.0, 300, 140.0), _edge(float("nan"), 120.0, 50, 120.0)]
    slim = [{k: e[k] for k in ("x0", "x1", "top", "bottom", "width", "height", "orientation")} for e in full]
    view = EdgesPage((0, 0, 612, 842), slim, [], full=lambda: full)
    lean = LeanTableFinder(view)
    assert view.edges is full
    assert [t.cells for t in lean.tables] == [t.cells for t in TableFinder(_Edges(full)).tables]
