"""Small accessible SVG charts drawn on the server: bars and lines, hidden values marked as such.

Each chart is an <svg role="img"> with a <title> and a <desc> that reads every value out, so a
screen reader gets the same as the eye; the page puts the numbers in a table beside it too.
"""

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 96
MAX_LABELS = 16


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
        f'class="axis"/><text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" class="tick">'
        f"{_number(top)}</text>"
        f'<text x="{LEFT - 6}" y="{HEIGHT - BOTTOM}" text-anchor="end" class="tick">0</text>'
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
    return (
        f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="end" class="label" '
        f'transform="rotate(-35 {x:.1f} {HEIGHT - BOTTOM + 16})">{escape(label)}</text>'
    )


def bar_chart(chart_id: str, title: str, labels: list[str], values: list, hidden: str) -> Markup:
    """Vertical bars; a hidden value is an outlined stub marked with a dash."""
    top, slot = _scale(values), (WIDTH - LEFT - RIGHT) / max(len(values), 1)
    base, height = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP
    # Many bars (50 circles) leave no room to write each: every few are named, all are in the
    # text alternative and the table beside.
    every = max(1, len(values) // MAX_LABELS + (len(values) % MAX_LABELS > 0))
    parts = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + index * slot + slot * 0.15
        if value is None:
            parts.append(
                f'<rect x="{x:.1f}" y="{base - 8}" width="{slot * 0.7:.1f}" height="8" '
                f'class="bar hidden"/><text x="{x + slot * 0.35:.1f}" y="{base - 12}" '
                f'text-anchor="middle" class="value">–</text>'
            )
        else:
            h = height * value / top
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{h:.1f}" class="bar"/>'
            )
            if every == 1:
                parts.append(
                    f'<text x="{x + slot * 0.35:.1f}" y="{base - h - 4:.1f}" '
                    f'text-anchor="middle" class="value">{_number(value)}</text>'
                )
        if index % every == 0:
            parts.append(_x_label(x + slot * 0.35, label))
    return _frame(chart_id, title, labels, values, hidden, "".join(parts), top)


def line_chart(chart_id: str, title: str, labels: list[str], values: list, hidden: str) -> Markup:
    """A line through the shown values; it breaks where a value is hidden."""
    top, count = _scale(values), max(len(values) - 1, 1)
    base, height = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP
    points, runs, parts = [], [[]], []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + 10 + index * (WIDTH - LEFT - RIGHT - 20) / count
        parts.append(_x_label(x, label))
        if value is None:
            runs.append([])
            parts.append(f'<text x="{x:.1f}" y="{base - 6}" text-anchor="middle">–</text>')
            continue
        y = base - height * value / top
        runs[-1].append(f"{x:.1f},{y:.1f}")
        points.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="point"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" class="value">'
            f"{_number(value)}</text>"
        )
    lines = "".join(f'<polyline points="{" ".join(r)}" class="line"/>' for r in runs if r)
    return _frame(chart_id, title, labels, values, hidden, lines + "".join(points + parts), top)
