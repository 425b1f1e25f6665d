"""pdfplumber's table finder with its two quadratic steps done in near-linear time: the same
intersections and the same cells, point for point, from the same edges.

pdfplumber's ``edges_to_intersections`` tests every vertical edge against every horizontal
one, and ``intersections_to_cells`` scans all the points after each point (twice) and rebuilds
sets of edge boxes at each test; on a ruled page of a few hundred rules these were most of
the table finder's time. `LeanTableFinder` keeps pdfplumber's edge merging and table grouping
and replaces only those two steps: the pairs tested are narrowed by sorting (then tested with
pdfplumber's own comparisons, so float rounding decides as it does there), and each point's
edge boxes are made into sets once. tests/test_pdf_tables.py holds both equal.
"""

from __future__ import annotations

import bisect
import math
from operator import itemgetter
from typing import Any

from pdfplumber.table import (
    Table,
    TableFinder,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
)
from pdfplumber.utils import obj_to_bbox

Obj = dict[str, Any]
Point = tuple[float, float]
BBox = tuple[float, float, float, float]
Intersections = dict[Point, dict[str, list[Obj]]]

# The sort narrows the horizontal edges a vertical one may meet to a window of tops; the window
# is widened by this much so that pdfplumber's comparisons, made in the loop, decide the edges
# at its ends (``v.top <= h.top + t`` and ``h.top >= v.top - t`` may round apart).
_WINDOW_SLACK = 1e-6


class LeanTableFinder(TableFinder):
    """pdfplumber's `TableFinder` (same settings, same tables) with the faster steps below."""

    def __init__(self, page: Any, settings: Any = None) -> None:  # noqa: D107 - as pdfplumber's
        from pdfplumber.table import TableSettings

        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = find_intersections(self.edges, self.settings.intersection_x_tolerance,
                                                self.settings.intersection_y_tolerance)
        self.cells = find_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def _finite(edges: list[Obj]) -> bool:
    return all(math.isfinite(e[k]) for e in edges for k in ("x0", "x1", "top", "bottom"))


def find_intersections(edges: list[Obj], x_tolerance: float = 1, y_tolerance: float = 1) -> Intersections:
    """pdfplumber's ``edges_to_intersections``: where a vertical edge meets a horizontal one
    within the tolerances, the edges of each point (lists in pdfplumber's order)."""
    if not _finite(edges) or not (math.isfinite(x_tolerance) and math.isfinite(y_tolerance)):
        return edges_to_intersections(edges, x_tolerance, y_tolerance)  # (NaN sorts nowhere)
    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    tops = [h["top"] for h in h_edges]
    out: Intersections = {}
    for v in v_edges:
        v_top, v_bottom, x = v["top"], v["bottom"], v["x0"]
        lo = bisect.bisect_left(tops, v_top - y_tolerance - _WINDOW_SLACK)
        hi = bisect.bisect_right(tops, v_bottom + y_tolerance + _WINDOW_SLACK)
        for h in h_edges[lo:hi]:
            top = h["top"]
            if v_top <= top + y_tolerance and v_bottom >= top - y_tolerance \
                    and x >= h["x0"] - x_tolerance and x <= h["x1"] + x_tolerance:
                vertex = (x, top)
                point = out.get(vertex)
                if point is None:
                    point = out[vertex] = {"v": [], "h": []}
                point["v"].append(v)
                point["h"].append(h)
    return out


def find_cells(intersections: Intersections) -> list[BBox]:
    """pdfplumber's ``intersections_to_cells``: for each point (in sorted order), the smallest
    cell it is the top-left corner of, its four sides joined by shared edges."""
    points = sorted(intersections)
    if not all(math.isfinite(c) for p in points for c in p):
        return intersections_to_cells(intersections)
    v_boxes = {p: set(map(obj_to_bbox, intersections[p]["v"])) for p in points}
    h_boxes = {p: set(map(obj_to_bbox, intersections[p]["h"])) for p in points}

    def connects(p1: Point, p2: Point) -> bool:
        # pdfplumber's edge_connects: an edge both points lie on (a vertical one when they
        # share x, a horizontal one when they share y)
        if p1[0] == p2[0] and not v_boxes[p1].isdisjoint(v_boxes[p2]):
            return True
        return p1[1] == p2[1] and not h_boxes[p1].isdisjoint(h_boxes[p2])

    # The points after a point that share its x (those below it) are the rest of its column in
    # sorted order; those that share its y (right of it) are the rest of its row, by x.
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    for p in points:
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)
    at_column = {p: k for ps in column.values() for k, p in enumerate(ps)}
    at_row = {p: k for ps in row.values() for k, p in enumerate(ps)}
    cells: list[BBox] = []
    for pt in points:
        below = column[pt[0]][at_column[pt] + 1:]
        right = [r for r in row[pt[1]][at_row[pt] + 1:] if connects(pt, r)]
        cell = _smallest_cell(pt, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(pt: Point, below: list[Point], right: list[Point], intersections: Intersections,
                   connects: Any) -> BBox | None:
    if not right:
        return None
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            bottom_right = (right_pt[0], below_pt[1])
            if bottom_right in intersections and connects(bottom_right, right_pt) \
                    and connects(bottom_right, below_pt):
                return (pt[0], pt[1], bottom_right[0], bottom_right[1])
    return None
