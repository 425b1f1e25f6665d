"""Find redaction boxes burned into a scanned page image.

A burned-in redaction is a solid dark rectangle: marker pen or a black box printed before the
page was scanned. What is *not* one: thin rules and table borders (too thin, or hollow), letters
of bold type (too narrow for their height), bullets (shorter than a text line), logos and
photographs (mid-grey, textured, or fading into their surroundings instead of ending at a sharp
edge on white paper).

The search works on a greyscale image (numpy ``uint8``, 0 = black):

1. *Opening*: keep the pixels covered by some fully dark ``k``×``k`` window, ``k`` ≈ 2.5 pt.
   Strokes of text (≤ 1.7 pt even in bold) and rules vanish; solid areas stay with their
   true outline.
2. *Components* of what is left, labelled from runs of pixels row by row.
3. *Shape*: a component must be a rectangle, allowing a scan's small skew: per column its
   top and bottom lie on two straight parallel lines (a parallelogram), and at least
   ``FILL_MIN`` of the pixels between those lines are dark.
4. *Tone and edges*: inside, uniformly dark (photographs and gradients are not); just
   outside each side, mostly light paper.

Coordinates are pixels: ``(x0, top, x1, bottom)`` with ``x1``/``bottom`` exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DARK = 110  # a pixel at most this grey is dark (paper ~240, toner ~20, scanner noise aside)
LIGHT = 170  # a pixel at least this grey is paper
CORE_PT = 2.5  # side of the opening window: thicker than any text stroke or rule
LINE_MIN_PT = 6.0  # a box is at least this tall (a text line of ~8 pt type)
WIDTH_MIN_PT = 4.0  # and at least this wide (about one character)
ASPECT_MIN = 0.5  # width >= this × height: bold letters' stems are narrower
FILL_MIN = 0.9  # share of dark pixels inside the rectangle
EDGE_RESIDUAL_PT = 1.0  # mean distance of the top/bottom edge from a straight line
MAX_SLOPE = 0.09  # about 5 degrees: more is not a scanner's skew
MEAN_MAX = 90  # mean grey inside a box
STD_MAX = 22  # spread of grey inside a box: toner is flat, photographs are not
SIDE_LIGHT_MIN = 0.5  # share of light pixels in the band just outside each side
PAGE_SHARE = 0.5  # a dark area over this share of the page is a background, not a redaction
MAX_COMPONENTS = 5000  # a page with more solid dark areas than this is a picture: no boxes


@dataclass(frozen=True)
class ImageBox:
    """A burned-in box in pixel coordinates; ``slope`` is the skew of its top edge."""

    x0: int
    top: int
    x1: int
    bottom: int
    slope: float = 0.0

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.bottom - self.top


def find_boxes(gray: np.ndarray, dpi: float) -> list[ImageBox]:
    """Burned-in redaction boxes of a greyscale page image rendered at ``dpi``, top to bottom."""
    if gray.ndim != 2 or gray.size == 0:
        return []
    px = dpi / 72.0
    k = max(3, round(CORE_PT * px))
    dark = gray <= DARK
    opened = _opening(dark, k)
    if not opened.any():
        return []
    boxes: list[ImageBox] = []
    page_area = gray.shape[0] * gray.shape[1]
    components = _components(opened)
    if len(components) > MAX_COMPONENTS:
        return []
    for runs in components:
        box = _check(runs, gray, dark, px, page_area)
        if box is not None:
            boxes.append(box)
    boxes.sort(key=lambda b: (b.top, b.x0))
    return boxes


def _opening(mask: np.ndarray, k: int) -> np.ndarray:
    """Morphological opening with a k×k square: the union of all fully-set k×k windows.

    Erosion and dilation are separable; each 1-D pass combines shifted copies in doubling
    steps, so a pass costs log2(k) whole-array operations.
    """
    h, w = mask.shape
    if h < k or w < k:
        return np.zeros_like(mask)
    anchors = _window(_window(mask, k, 1, np.logical_and), k, 0, np.logical_and)
    pad = ((k - 1, k - 1), (0, 0))
    grown = _window(np.pad(anchors, pad), k, 0, np.logical_or)
    pad = ((0, 0), (k - 1, k - 1))
    return _window(np.pad(grown, pad), k, 1, np.logical_or)


def _window(a: np.ndarray, k: int, axis: int, op) -> np.ndarray:
    """``op`` over each window of ``k`` consecutive cells along ``axis`` (length n - k + 1)."""
    def cut(x: np.ndarray, lo: int, hi: int | None) -> np.ndarray:
        return x[lo:hi] if axis == 0 else x[:, lo:hi]

    span = 1
    r = a
    while span * 2 <= k:
        n = r.shape[axis]
        r = op(cut(r, 0, n - span), cut(r, span, None))
        span *= 2
    if span < k:  # two overlapping windows of ``span`` make one of ``k``
        n = r.shape[axis]
        r = op(cut(r, 0, n - (k - span)), cut(r, k - span, None))
    return r


def _components(mask: np.ndarray) -> list[list[tuple[int, int, int]]]:
    """8-connected components as lists of runs (row, x_start, x_end exclusive)."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    diff = np.diff(padded, axis=1)
    starts_y, starts_x = np.nonzero(diff == 1)
    ends_y, ends_x = np.nonzero(diff == -1)
    # nonzero walks row by row, left to right: starts and ends pair up in order.
    runs = list(zip(starts_y.tolist(), starts_x.tolist(), ends_x.tolist(), strict=True))
    del ends_y
    parent = list(range(len(runs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    prev: list[int] = []  # run indices of the previous row
    prev_row = -2
    row_runs: list[int] = []
    for i, (y, x0, x1) in enumerate(runs):
        if y != prev_row:
            prev = row_runs if y == prev_row + 1 else []
            row_runs = []
            prev_row = y
            j = 0
        # Runs of the previous row that touch [x0 - 1, x1] (8-connectivity).
        while j < len(prev) and runs[prev[j]][2] < x0:
            j += 1
        m = j
        while m < len(prev) and runs[prev[m]][1] <= x1:
            ri, rj = find(i), find(prev[m])
            if ri != rj:
                parent[ri] = rj
            m += 1
        row_runs.append(i)
    groups: dict[int, list[tuple[int, int, int]]] = {}
    for i, run in enumerate(runs):
        groups.setdefault(find(i), []).append(run)
    return list(groups.values())


def _check(
    runs: list[tuple[int, int, int]], gray: np.ndarray, dark: np.ndarray, px: float, page_area: int
) -> ImageBox | None:
    ys = np.array([r[0] for r in runs])
    x0 = min(r[1] for r in runs)
    x1 = max(r[2] for r in runs)
    top, bottom = int(ys.min()), int(ys.max()) + 1
    width, height = x1 - x0, bottom - top
    if width < WIDTH_MIN_PT * px or (x1 - x0) * (bottom - top) > PAGE_SHARE * page_area:
        return None
    # Per column: the topmost and bottommost set pixel of the component.
    col_top = np.full(width, bottom, dtype=np.int64)
    col_bot = np.full(width, top - 1, dtype=np.int64)
    for y, a, b in runs:
        seg_t = col_top[a - x0 : b - x0]
        np.minimum(seg_t, y, out=seg_t)
        seg_b = col_bot[a - x0 : b - x0]
        np.maximum(seg_b, y, out=seg_b)
    cols = np.nonzero(col_bot >= col_top)[0]
    if len(cols) < 2:
        return None
    xs = cols.astype(np.float64)
    # Skip the rounded ends (opening and anti-aliasing bevel the corners).
    inner = cols[(cols >= min(3, width // 4)) & (cols < width - min(3, width // 4))]
    fit_cols = inner if len(inner) >= 2 else cols
    fx = fit_cols.astype(np.float64)
    t_slope, t_icpt = np.polyfit(fx, col_top[fit_cols].astype(np.float64), 1)
    b_slope, b_icpt = np.polyfit(fx, col_bot[fit_cols].astype(np.float64) + 1, 1)
    slope = (t_slope + b_slope) / 2
    # On a narrow box a one-pixel step of an edge is a steep "slope": allow for it.
    step = 2.0 / max(len(fit_cols), 1)
    if abs(slope) > MAX_SLOPE + step or abs(t_slope - b_slope) > 0.02 + 2 * step:
        return None
    t_res = np.abs(col_top[fit_cols] - (t_slope * fx + t_icpt)).mean()
    b_res = np.abs(col_bot[fit_cols] + 1 - (b_slope * fx + b_icpt)).mean()
    if max(t_res, b_res) > EDGE_RESIDUAL_PT * px:
        return None
    box_h = float(np.mean((b_slope * xs + b_icpt) - (t_slope * xs + t_icpt)))
    if box_h < LINE_MIN_PT * px or width < ASPECT_MIN * box_h:
        return None

    # Pixels between the two fitted edges, column by column.
    sub = gray[top:bottom, x0:x1]
    sub_dark = dark[top:bottom, x0:x1]
    rows = np.arange(height)[:, None] + top
    all_x = np.arange(width, dtype=np.float64)
    upper = t_slope * all_x + t_icpt
    lower = b_slope * all_x + b_icpt
    inside = (rows >= upper[None, :]) & (rows < lower[None, :])
    n_inside = int(inside.sum())
    if n_inside == 0 or sub_dark[inside].sum() < FILL_MIN * n_inside:
        return None
    # Tone away from the anti-aliased edges.
    m = max(1, round(0.8 * px))
    core = (rows >= upper[None, :] + m) & (rows < lower[None, :] - m)
    core[:, :m] = False
    core[:, width - m :] = False
    tones = sub[core] if core.any() else sub[inside]
    if tones.mean() > MEAN_MAX or tones.std() > STD_MAX:
        return None
    if not _light_sides(gray, x0, top, x1, bottom, upper, lower, px):
        return None
    return ImageBox(int(x0), int(top), int(x1), int(bottom), float(slope))


def _light_sides(
    gray: np.ndarray, x0: int, top: int, x1: int, bottom: int,
    upper: np.ndarray, lower: np.ndarray, px: float,
) -> bool:
    """A box ends at a sharp edge on paper: each side's outer band is mostly light.

    A side at the image border counts as light (the box reaches the edge of the scan).
    """
    h, w = gray.shape
    gap = max(2, round(0.7 * px))  # skip the anti-aliased rim
    band = max(2, round(1.2 * px))
    width = x1 - x0
    sample = np.arange(0, width, max(1, width // 200))
    xs = sample + x0
    ups = np.floor(upper[sample]).astype(np.int64)
    los = np.ceil(lower[sample]).astype(np.int64)

    def share(values: np.ndarray) -> float | None:
        return None if values.size == 0 else float((values >= LIGHT).mean())

    sides: list[float | None] = []
    above = [gray[y, x] for x, u in zip(xs, ups, strict=True)
             for y in range(u - gap - band, u - gap) if 0 <= y < h]
    below = [gray[y, x] for x, lo in zip(xs, los, strict=True)
             for y in range(lo + gap, lo + gap + band) if 0 <= y < h]
    sides.append(share(np.array(above)))
    sides.append(share(np.array(below)))
    y_a, y_b = max(0, top + gap), min(h, bottom - gap)
    left = gray[y_a:y_b, max(0, x0 - gap - band) : max(0, x0 - gap)]
    right = gray[y_a:y_b, min(w, x1 + gap) : min(w, x1 + gap + band)]
    sides.append(share(left.ravel()))
    sides.append(share(right.ravel()))
    return all(s is None or s >= SIDE_LIGHT_MIN for s in sides)
