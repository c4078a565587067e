"""The org chart of a recommendation, drawn server-side as an inline SVG.

One drawing serves the result page, the comparison and the PDF. It takes the
recommendation as JSON-ready data (`Recommendation.to_dict()` or a saved scenario's copy),
so a scenario saved under older rules is drawn as it was saved.

The chart: the CEO at the top; the executives a seat reports to when that is not the CEO
(CFO, COO, a product line); the recommended seats (filled, bold); the teams under them
(dashed). Colour is never the only signal: seats are bold and solid, teams dashed, and
the SVG carries a text description. Presentation attributes only (no `style`), so the
markup passes a strict Content Security Policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Any

from orgdesign.presenter import seat_variant
from orgdesign.rules.vocabulary import BOSSES, SEAT_CODES, line_ctos_title, seat_term
from orgdesign.validators import DEFAULT_ACCENT

BOX_W = 168
BOX_H = 58
GAP_X = 18
GAP_Y = 46
MARGIN = 12
LINE_CHARS = 22
MAX_LINES = 3
# More product-line CTOs than this are drawn as one grouped box.
MAX_LINE_CTOS_DRAWN = 4

CHART_TITLE = "Recommended organisation chart"
# Bosses drawn as a box of their own between the CEO and a seat.
CONTEXT_BOSSES = ("cfo", "coo", "board")


@dataclass
class Node:
    label: str
    kind: str  # "root", "context", "seat" or "team"
    sublabel: str = ""
    children: list[Node] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0  # width of the subtree


def _wrap(text: str, limit: int = LINE_CHARS, lines: int = MAX_LINES) -> list[str]:
    words, out, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= limit:
            current = candidate
        else:
            if current:
                out.append(current)
            current = word[:limit]
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: limit - 1].rstrip() + "…"
    return out


def _seat_node(seat: Mapping[str, Any]) -> Node:
    code = seat["code"]
    short = seat_term(code, seat_variant(seat)).short if code in SEAT_CODES else code
    node = Node(seat["title"], "seat", short)
    node.children = [Node(member, "team") for member in seat.get("direct_reports", [])]
    return node


def build_tree(rec: Mapping[str, Any]) -> Node:
    """The chart as a tree of nodes, before layout."""
    root = Node("CEO", "root", "Chief Executive")
    seats = list(rec.get("roles", []))
    by_code: dict[str, Node] = {}
    bosses: dict[str, Node] = {}
    line_ctos = [s for s in seats if s["code"] == "cto" and s["reports_to"] == "product_line"]
    pending: list[tuple[Mapping[str, Any], Node]] = []

    if line_ctos:
        count = len(line_ctos)
        lines_node = Node(f"{count} product lines", "context", "Divisions")
        root.children.append(lines_node)
        if count > MAX_LINE_CTOS_DRAWN:
            group = dict(line_ctos[0])
            group["title"] = line_ctos_title(count)
            lines_node.children.append(_seat_node(group))
        else:
            for seat in line_ctos:
                lines_node.children.append(_seat_node(seat))
        by_code.setdefault("cto", lines_node.children[0])

    for seat in seats:
        if seat in line_ctos:
            continue
        node = _seat_node(seat)
        by_code.setdefault(seat["code"], node)
        pending.append((seat, node))

    for seat, node in pending:
        boss = seat["reports_to"]
        if boss in ("cio", "cto") and boss in by_code and by_code[boss] is not node:
            by_code[boss].children.insert(0, node)
        elif boss in CONTEXT_BOSSES:
            if boss not in bosses:
                bosses[boss] = Node(BOSSES[boss].short, "context", "Executive")
                root.children.append(bosses[boss])
            bosses[boss].children.append(node)
        else:
            root.children.append(node)
    return root


def _measure(node: Node) -> float:
    if not node.children:
        node.width = BOX_W
    else:
        total = sum(_measure(child) for child in node.children)
        node.width = max(BOX_W, total + GAP_X * (len(node.children) - 1))
    return node.width


def _place(node: Node, left: float, depth: int) -> None:
    node.x = left + node.width / 2 - BOX_W / 2
    node.y = MARGIN + depth * (BOX_H + GAP_Y)
    children_width = sum(c.width for c in node.children) + GAP_X * (len(node.children) - 1)
    cursor = left + (node.width - children_width) / 2
    for child in node.children:
        _place(child, cursor, depth + 1)
        cursor += child.width + GAP_X


def _walk(node: Node):
    yield node
    for child in node.children:
        yield from _walk(child)


STYLE = {
    # kind: (fill, stroke, stroke-width, dash, text colour, weight)
    "root": ("#ffffff", "#1f2933", "2", "", "#1f2933", "700"),
    "context": ("#f4f6f8", "#52606d", "1.5", "", "#1f2933", "600"),
    "seat": (None, None, "2.5", "", "#ffffff", "700"),
    "team": ("#ffffff", "#52606d", "1.5", "5 4", "#1f2933", "400"),
}


def _box(node: Node, accent: str) -> str:
    fill, stroke, width, dash, colour, weight = STYLE[node.kind]
    fill = fill or accent
    stroke = stroke or accent
    lines = _wrap(node.label)
    parts = [
        f'<g class="node node-{node.kind}"><title>{escape(node.label)}</title>',
        f'<rect x="{node.x:.1f}" y="{node.y:.1f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"'
        + (f' stroke-dasharray="{dash}"' if dash else "")
        + "/>",
    ]
    sub = 1 if node.sublabel and len(lines) < MAX_LINES else 0
    total = len(lines) + sub
    first = node.y + BOX_H / 2 - (total - 1) * 7.5
    cx = node.x + BOX_W / 2
    if sub:
        parts.append(
            f'<text x="{cx:.1f}" y="{first + 4:.1f}" text-anchor="middle" font-size="10" '
            f'fill="{colour}" font-weight="400">{escape(node.sublabel.upper())}</text>'
        )
    for i, line in enumerate(lines):
        y = first + (i + sub) * 15 + 4
        parts.append(
            f'<text x="{cx:.1f}" y="{y:.1f}" text-anchor="middle" font-size="12" '
            f'fill="{colour}" font-weight="{weight}">{escape(line)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _edges(node: Node) -> list[str]:
    out = []
    for child in node.children:
        x1, y1 = node.x + BOX_W / 2, node.y + BOX_H
        x2, y2 = child.x + BOX_W / 2, child.y
        mid = y1 + GAP_Y / 2
        dash = ' stroke-dasharray="5 4"' if child.kind == "team" else ""
        out.append(
            f'<path d="M{x1:.1f},{y1:.1f} V{mid:.1f} H{x2:.1f} V{y2:.1f}" fill="none" '
            f'stroke="#52606d" stroke-width="1.5"{dash}/>'
        )
        out.extend(_edges(child))
    return out


def describe(rec: Mapping[str, Any]) -> str:
    """The chart in words, for screen readers and as the SVG's description."""
    sentences = []
    for seat in rec.get("roles", []):
        boss = BOSSES.get(seat["reports_to"])
        text = f"{seat['title']} reports to {boss.the if boss else seat['reports_to']}"
        if seat.get("direct_reports"):
            text += "; team: " + ", ".join(seat["direct_reports"])
        sentences.append(text + ".")
    return " ".join(dict.fromkeys(sentences))


def _roles_key(rec: Mapping[str, Any]) -> tuple:
    """What the drawing reads of a recommendation: each seat's code, title, boss and team."""
    return tuple(
        (
            seat["code"],
            seat["title"],
            seat["reports_to"],
            tuple(seat.get("direct_reports") or ()),
            seat_variant(seat),
        )
        for seat in rec.get("roles", [])
    )


@lru_cache(maxsize=512)
def _drawing(roles: tuple, accent: str) -> tuple[float, float, str, str]:
    """Width, height, body and description of the chart of `roles` (see `_roles_key`).

    Memoised: the comparison draws up to four charts per page and a saved scenario keeps its
    seats, so the same drawing is asked for again and again (docs/benchmarks.md, "Caches":
    four charts 0.46 to 0.11 ms). It keeps the drawing (numbers and the SVG shapes, an
    image), never a page; the result is a tuple of immutable values, and the ids that
    differ per page are added by `orgchart_svg` on every call.
    """
    rec = {
        "roles": [
            {
                "code": code,
                "title": title,
                "reports_to": boss,
                "direct_reports": list(team),
                "variant": variant,
            }
            for code, title, boss, team, variant in roles
        ]
    }
    root = build_tree(rec)
    _measure(root)
    _place(root, MARGIN, 0)
    nodes = list(_walk(root))
    width = root.width + 2 * MARGIN
    height = max(node.y for node in nodes) + BOX_H + MARGIN
    body = "".join(_edges(root)) + "".join(_box(node, accent) for node in nodes)
    return width, height, body, escape(describe(rec))


def orgchart_svg(
    rec: Mapping[str, Any],
    *,
    accent: str = DEFAULT_ACCENT,
    chart_id: str = "orgchart",
    title: str = CHART_TITLE,
) -> str:
    """The org chart as a standalone, accessible SVG string (safe to embed unescaped).
    `title`: what the chart is, for screen readers (another for the consultant's own)."""
    width, height, body, description = _drawing(_roles_key(rec), accent)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="orgchart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{description}</desc>'
        f"{body}</svg>"
    )
