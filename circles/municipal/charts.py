"""Small accessible SVG charts drawn on the server: bars and lines, hidden values marked as such.

Each chart is an <svg role="img"> with a <title> and a <desc> that reads every value out, so a
screen reader gets the same as the eye; the page puts the numbers in a table beside it too.
"""

from markupsafe import Markup, escape

# Drawn at about a phone's width (the page scales it to the box, 326-358 px on a 390 px phone),
# so that FONT in the drawing's units is written at 12 px at least there; a wider screen shows
# it larger. Labels stand steeply, so that a dozen fit under the bars at that size.
WIDTH, HEIGHT = 360, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 8, 20, 116
FONT = 14
ANGLE = -60
MAX_LABELS = 12
LONGEST = 16  # characters of a label under the chart; the whole is in the text and the table


def _text(x: float, y: float, words: str, css: str = "", anchor: str = "middle", more="") -> str:
    """Words in the chart, at FONT size whatever the page's style sheet says of text."""
    kind = f' class="{css}"' if css else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT}"{kind}{more}>'
        f"{escape(words)}</text>"
    )


def _every(count: int) -> int:
    """Every how many values a label is written: all of a dozen, fewer of more."""
    return max(1, count // MAX_LABELS + (count % MAX_LABELS > 0))


def _scale(values: list[float | None]) -> float:
    top = max([v for v in values if v is not None] or [0])
    return top if top > 0 else 1


def _frame(chart_id: str, title: str, labels, values, hidden: str, body: str, top: float) -> str:
    described = "; ".join(
        f"{label}: {hidden if value is None else _number(value)}"
        for label, value in zip(labels, values, strict=True)
    )
    axis = (
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" '
        f'class="axis"/>{_text(LEFT - 6, TOP + 4, _number(top), "tick", "end")}'
        f"{_text(LEFT - 6, HEIGHT - BOTTOM, '0', 'tick', 'end')}"
    )
    return Markup(
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>{axis}{body}</svg>'
    )


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _x_label(x: float, label: str) -> str:
    short = label if len(label) <= LONGEST else label[: LONGEST - 1].rstrip() + "…"
    y = HEIGHT - BOTTOM + 14
    return _text(x, y, short, "label", "end", f' transform="rotate({ANGLE} {x:.1f} {y})"')


def bar_chart(chart_id: str, title: str, labels: list[str], values: list, hidden: str) -> Markup:
    """Vertical bars; a hidden value is an outlined stub marked with a dash."""
    top, slot = _scale(values), (WIDTH - LEFT - RIGHT) / max(len(values), 1)
    base, height = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP
    # Many bars (50 circles) leave no room to write each: every few are named, all are in the
    # text alternative and the table beside.
    every = _every(len(values))
    parts = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + index * slot + slot * 0.15
        if value is None:
            parts.append(
                f'<rect x="{x:.1f}" y="{base - 8}" width="{slot * 0.7:.1f}" height="8" '
                f'class="bar hidden"/>{_text(x + slot * 0.35, base - 12, "–", "value")}'
            )
        else:
            h = height * value / top
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{h:.1f}" class="bar"/>'
            )
            if every == 1:
                parts.append(_text(x + slot * 0.35, base - h - 4, _number(value), "value"))
        if index % every == 0:
            parts.append(_x_label(x + slot * 0.35, label))
    return _frame(chart_id, title, labels, values, hidden, "".join(parts), top)


def line_chart(chart_id: str, title: str, labels: list[str], values: list, hidden: str) -> Markup:
    """A line through the shown values; it breaks where a value is hidden."""
    top, count = _scale(values), max(len(values) - 1, 1)
    base, height = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP
    points, runs, parts = [], [[]], []
    every = _every(len(values))  # more than a dozen months: every few are named
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + 10 + index * (WIDTH - LEFT - RIGHT - 20) / count
        if index % every == 0:
            parts.append(_x_label(x, label))
        if value is None:
            runs.append([])
            parts.append(_text(x, base - 6, "–"))
            continue
        y = base - height * value / top
        runs[-1].append(f"{x:.1f},{y:.1f}")
        points.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="point"/>')
        if every == 1:
            parts.append(_text(x, y - 8, _number(value), "value"))
    lines = "".join(f'<polyline points="{" ".join(r)}" class="line"/>' for r in runs if r)
    return _frame(chart_id, title, labels, values, hidden, lines + "".join(points + parts), top)
