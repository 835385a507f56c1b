"""Charts of the results, drawn on the server as SVG that screen readers can use.

Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` (what it shows, in words) and comes with its
numbers as a table (`surveys/results/_chart.html` shows both), so nobody depends on seeing the picture and no
JavaScript is needed. Three kinds:

- horizontal bars: one bar per option (single and multiple choice, yes/no, ranking's first places);
- stacked bars: one bar per row split into the points of a scale (a Likert question, the rows of a matrix);
- before and after: two bars per point of a scale, one per wave.

Every text is escaped here; the SVG is returned as a safe string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .stats import OptionCount, percent

WIDTH = 640
LABEL_WIDTH = 220
BAR_AREA = WIDTH - LABEL_WIDTH - 70
BAR_HEIGHT = 22
GAP = 10
# Colours with a contrast of at least 3:1 against white (WCAG 1.4.11), from disagreement to agreement.
BAR_COLOUR = "#1d5a8c"
AFTER_COLOUR = "#b0480c"
SCALE_COLOURS = ["#9b1c1c", "#c2410c", "#6b6b6b", "#2f6f4f", "#14532d", "#1e3a8a", "#5b21b6", "#831843",
                 "#0f766e", "#854d0e", "#374151"]  # fmt: skip

_ids = count(1)


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Chart:
    kind: str
    title: str
    description: str
    svg: SafeString
    table: Table

    @property
    def html(self) -> SafeString:
        """The chart and its numbers as a table beside it (what `surveys/results/_chart.html` shows), built here
        in one go: thirty charts of a questionnaire would otherwise cost thousands of template nodes a page."""
        table = self.table
        caption = escape(table.caption)
        headers = "".join(f'<th scope="col">{escape(header)}</th>' for header in table.headers)
        rows = "".join(
            "<tr>"
            + "".join(
                f'<th scope="row">{escape(cell)}</th>' if index == 0 else f"<td>{escape(cell)}</td>"
                for index, cell in enumerate(cells)
            )
            + "</tr>\n"
            for cells in table.rows
        )
        numbers = escape(_("Numbers of the chart: %(title)s") % {"title": table.caption})
        return mark_safe(  # noqa: S308 - every text is escaped above
            f'<div class="chart-with-table">\n  <figure class="chart-figure">{self.svg}</figure>\n'
            f'  <div class="table-scroll" role="region" aria-label="{caption}" tabindex="0">\n'
            f'  <table class="chart-numbers">\n    <caption>{numbers}</caption>\n'
            f"    <thead><tr>{headers}</tr></thead>\n    <tbody>\n{rows}    </tbody>\n  </table>\n  </div>\n</div>"
        )


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _svg(title: str, description: str, height: int, body: list[str]) -> SafeString:
    identifier = next(_ids)
    title_id, desc_id = f"chart-title-{identifier}", f"chart-desc-{identifier}"
    return mark_safe(  # noqa: S308 - every text inside is escaped above or here
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="{title_id} {desc_id}">'
        f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _label(y: float, text: str) -> str:
    short = text if len(text) <= 34 else text[:33] + "…"
    return (
        f'<text x="{LABEL_WIDTH - 8}" y="{y}" text-anchor="end" dominant-baseline="middle" '
        f'font-size="13" fill="#1f2937">{escape(short)}</text>'
    )


def horizontal_bars(title: str, rows: Sequence[OptionCount], base: int) -> Chart:
    """One bar per option, its length the percentage of the respondents who answered."""
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    body = []
    for index, row in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = BAR_AREA * row.percent / 100
        body.append(_label(y + BAR_HEIGHT / 2, row.label))
        body.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
        )
        body.append(
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR_HEIGHT / 2}" dominant-baseline="middle" '
            f'font-size="13" fill="#1f2937">{_number(row.percent)}% ({row.count})</text>'
        )
    parts = [
        _("%(label)s: %(count)d (%(percent)s%%)")
        % {"label": row.label, "count": row.count, "percent": _number(row.percent)}
        for row in rows
    ]
    description = _("Answers of %(base)d respondents. ") % {"base": base} + "; ".join(parts) + "."
    table = Table(
        caption=title,
        headers=[_("Answer"), _("Responses"), _("Percent")],
        rows=[[row.label, str(row.count), f"{_number(row.percent)}%"] for row in rows],
    )
    return Chart("bars", title, description, _svg(title, description, height, body), table)


def _legend(y: float, labels: Sequence[str], colours: Sequence[str]) -> list[str]:
    body, x = [], 0.0
    for label, colour in zip(labels, colours, strict=False):
        short = label if len(label) <= 24 else label[:23] + "…"
        body.append(f'<rect x="{x:.1f}" y="{y}" width="12" height="12" fill="{colour}"/>')
        body.append(
            f'<text x="{x + 16:.1f}" y="{y + 10}" font-size="12" fill="#1f2937">{escape(short)}</text>'
        )
        x += 28 + 7 * len(short)
        if x > WIDTH - 120:
            x, y = 0.0, y + 18
    return body


def stacked_bars(title: str, rows: Sequence[tuple[str, Sequence[int]]], point_labels: Sequence[str]) -> Chart:
    """One bar per row (a Likert question has one, a matrix one per row), split into the points of the scale;
    each segment's width is its share of the row's answers."""
    colours = [SCALE_COLOURS[index % len(SCALE_COLOURS)] for index in range(len(point_labels))]
    legend_lines = 1 + sum(len(label) for label in point_labels) * 7 // (WIDTH - 120)
    top = 18 * legend_lines + GAP
    height = top + len(rows) * (BAR_HEIGHT + GAP) + GAP
    body = _legend(4, point_labels, colours)
    table_rows, parts = [], []
    for index, (label, counts) in enumerate(rows):
        y = top + index * (BAR_HEIGHT + GAP)
        total = sum(counts)
        body.append(_label(y + BAR_HEIGHT / 2, label))
        x = float(LABEL_WIDTH)
        for point_count, colour in zip(counts, colours, strict=True):
            width = (WIDTH - LABEL_WIDTH - 10) * point_count / total if total else 0
            if width:
                body.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}" '
                    'stroke="#fff" stroke-width="1"/>'
                )
                if width >= 34:
                    body.append(
                        f'<text x="{x + width / 2:.1f}" y="{y + BAR_HEIGHT / 2}" text-anchor="middle" '
                        f'dominant-baseline="middle" font-size="12" fill="#fff">'
                        f"{_number(percent(point_count, total))}%</text>"
                    )
            x += width
        shares = ", ".join(
            f"{point}: {point_count} ({_number(percent(point_count, total))}%)"
            for point, point_count in zip(point_labels, counts, strict=True)
        )
        parts.append(f"{label} — {shares}")
        table_rows.append(
            [label]
            + [f"{point_count} ({_number(percent(point_count, total))}%)" for point_count in counts]
            + [str(total)]
        )
    description = "; ".join(parts) + "."
    table = Table(caption=title, headers=["", *point_labels, _("Responses")], rows=table_rows)
    return Chart("stacked", title, description, _svg(title, description, height, body), table)


def before_after(
    title: str,
    point_labels: Sequence[str],
    before: Sequence[int],
    after: Sequence[int],
    wave_labels: tuple[str, str],
) -> Chart:
    """Two bars per point of a scale: the share of each wave's respondents who chose it."""
    total_before, total_after = sum(before), sum(after)
    top = 26
    pair_height = 2 * BAR_HEIGHT + GAP
    height = top + len(point_labels) * pair_height + GAP
    body = _legend(4, wave_labels, (BAR_COLOUR, AFTER_COLOUR))
    table_rows, parts = [], []
    for index, label in enumerate(point_labels):
        y = top + index * pair_height
        body.append(_label(y + BAR_HEIGHT, label))
        cells = [label]
        for offset, (counts, total, colour) in enumerate(
            ((before, total_before, BAR_COLOUR), (after, total_after, AFTER_COLOUR))
        ):
            share = percent(counts[index], total)
            length = BAR_AREA * share / 100
            bar_y = y + offset * (BAR_HEIGHT - 4)
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{length:.1f}" height="{BAR_HEIGHT - 6}" '
                f'fill="{colour}"/>'
            )
            body.append(
                f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{bar_y + (BAR_HEIGHT - 6) / 2}" '
                f'dominant-baseline="middle" font-size="12" fill="#1f2937">{_number(share)}%</text>'
            )
            cells.append(f"{counts[index]} ({_number(share)}%)")
        parts.append(f"{label}: {cells[1]} → {cells[2]}")
        table_rows.append(cells)
    description = (
        _("%(before)s (%(n_before)d responses) compared with %(after)s (%(n_after)d responses). ")
        % {
            "before": wave_labels[0],
            "after": wave_labels[1],
            "n_before": total_before,
            "n_after": total_after,
        }
        + "; ".join(parts)
        + "."
    )
    table = Table(caption=title, headers=["", wave_labels[0], wave_labels[1]], rows=table_rows)
    return Chart("before_after", title, description, _svg(title, description, height, body), table)
