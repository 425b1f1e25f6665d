"""pdfplumber's table finder with its two quadratic steps done in near-linear time: the same
intersections and the same cells, point for point, from the same edges.

pdfplumber's ``edges_to_intersections`` tests every vertical edge against every horizontal
one, and ``intersections_to_cells`` scans all the points after each point (twice) and rebuilds
sets of edge boxes at each test; on a ruled page of a few hundred rules these were most of
the table finder's time. `LeanTableFinder` keeps pdfplumber's table grouping and replaces
those two steps: the pairs tested are narrowed by sorting (then tested with pdfplumber's own
comparisons, so float rounding decides as it does there), and each point's edge boxes are
made into sets once. Its edge merging (snap, then join) is pdfplumber's arithmetic, step for
step, on slim copies of the edges: pdfplumber copies every key of an edge at each move.
tests/test_pdf_tables.py holds both equal.
"""

from __future__ import annotations

import bisect
import itertools
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

    def get_edges(self) -> list[Obj]:
        """pdfplumber's ``get_edges`` for the "lines" strategies (the only ones the reader
        uses), by `merged_edges`; any other settings go to pdfplumber's."""
        s = self.settings
        edges = self.page.edges if (s.vertical_strategy, s.horizontal_strategy) == ("lines", "lines") \
            and not s.explicit_vertical_lines and not s.explicit_horizontal_lines else None
        if edges is None or not _finite(edges, ("x0", "x1", "top", "bottom", "width", "height")):
            full = getattr(self.page, "full_edges", None)
            if full is not None:  # (pdfplumber's own steps read every key of its edges)
                self.page.edges, self.page.full_edges = full(), None
            return super().get_edges()  # (NaN sorts and clusters nowhere: pdfplumber's own way)
        # (`pdf_pdfium.slim_edges` holds the finder's keys alone, in its order: copied whole)
        return merged_edges(edges, s, slim=getattr(self.page, "full_edges", None) is not None)


_SLIM = ("x0", "x1", "top", "bottom", "width", "height", "orientation")


def _slim_copy(edge: Obj) -> Obj:
    return {k: edge[k] for k in _SLIM}


def merged_edges(edges: list[Obj], s: Any, slim: bool = False) -> list[Obj]:
    """pdfplumber's ``TableFinder.get_edges`` with both strategies "lines" and no explicit
    lines: the page's upright edges at least ``edge_min_length_prefilter`` long, snapped
    (``snap_edges``), joined (``join_edge_group``) and kept at least ``edge_min_length`` long;
    the same sorts and the same float operations in the same order, on edges holding only
    the keys the finder reads (``_SLIM``). ``slim``: the edges hold those keys alone, in that
    order (each is copied as it is: the steps below change their copies)."""
    pre = s.edge_min_length_prefilter
    copy = dict if slim else _slim_copy
    v = [copy(e) for e in edges if e["orientation"] == "v" and e["height"] >= pre]
    h = [copy(e) for e in edges if e["orientation"] == "h" and e["width"] >= pre]
    if s.snap_x_tolerance > 0 or s.snap_y_tolerance > 0:
        v = _snapped(v, "x0", "x1", s.snap_x_tolerance)
        h = _snapped(h, "top", "bottom", s.snap_y_tolerance)
    out: list[Obj] = []
    ordered = sorted(v + h, key=_group)
    for (orientation, _), group in itertools.groupby(ordered, key=_group):
        if orientation == "h":
            out += _joined(group, "x0", "x1", "width", s.join_x_tolerance)
        else:
            out += _joined(group, "top", "bottom", "height", s.join_y_tolerance)
    least = s.edge_min_length
    return [e for e in out if e["height" if e["orientation"] == "v" else "width"] >= least]


def _group(e: Obj) -> tuple[str, float]:
    return ("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"])


def _snapped(edges: list[Obj], key: str, other: str, tolerance: float) -> list[Obj]:
    """pdfplumber's ``snap_objects``: values within ``tolerance`` of the one before them (in
    sorted order) form a cluster; each edge moves by (the cluster's mean - its value), its
    far side too, clusters in order and each edge's order kept within its cluster."""
    values = sorted(set(map(itemgetter(key), edges)))
    clusters: list[list[float]] = []
    if tolerance == 0 or len(values) < 2:
        clusters = [[x] for x in values]
    else:
        clusters = [[values[0]]]
        for last, x in zip(values, values[1:], strict=False):
            if x <= last + tolerance:
                clusters[-1].append(x)
            else:
                clusters.append([x])
    index = {x: i for i, cluster in enumerate(clusters) for x in cluster}
    members: list[list[Obj]] = [[] for _ in clusters]
    for e in edges:
        members[index[e[key]]].append(e)
    out: list[Obj] = []
    for group in members:
        if not group:
            continue
        mean = sum(map(itemgetter(key), group)) / len(group)
        for e in group:
            by = mean - e[key]
            e[key], e[other] = e[key] + by, e[other] + by
            out.append(e)
    return out


def _joined(group: Any, low: str, high: str, length: str, tolerance: float) -> list[Obj]:
    """pdfplumber's ``join_edge_group``: the edges of one line by their start, each that
    starts within ``tolerance`` of the last one's end extending it (``resize_object``)."""
    ordered = sorted(group, key=itemgetter(low))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[low] <= last[high] + tolerance:
            if e[high] > last[high]:
                # (resize_object: x1 sets the width anew, bottom adds its change to the height)
                grown = dict(last)
                if high == "x1":
                    assert e["x1"] >= last["x0"]  # (as resize_object checks)
                    grown["x1"], grown["width"] = e["x1"], e["x1"] - last["x0"]
                else:
                    assert e["bottom"] >= last["top"]
                    grown["bottom"], grown["height"] = e["bottom"], last["height"] + (e["bottom"] - last["bottom"])
                joined[-1] = grown
        else:
            joined.append(e)
    return joined


def _finite(edges: list[Obj], keys: tuple[str, ...] = ("x0", "x1", "top", "bottom")) -> bool:
    """Whether every edge's ``keys`` are numbers: their sum is then finite (NaN and the
    infinities carry through a sum; a sum of finite values too large for a float says False,
    which only sends those edges pdfplumber's own way)."""
    return math.isfinite(sum(map(sum, map(itemgetter(*keys), edges))))


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
