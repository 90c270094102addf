"""Reading views: an article's text with spans highlighted, safe for hostile text.

Every character of article text, every label and every tooltip is HTML-escaped, so an article that contains
``<script>`` or ``<img onerror=…>`` shows those characters literally and runs nothing.
"""

from __future__ import annotations

import html

import pandas as pd

__all__ = ["reading_view", "reading_html", "LABEL_COLOURS"]

# Okabe–Ito, lightened for backgrounds
LABEL_COLOURS = ["#fde3b0", "#c7e5f6", "#bfe8d8", "#fbf6b3", "#c0d9ea", "#f5cfae", "#ecd3e2", "#e0e0e0"]


def reading_html(text: str, spans: pd.DataFrame | None = None, title: str | None = None) -> str:
    """HTML for ``text`` with ``spans`` (``start, end, label`` and optional ``tooltip``) highlighted.

    Overlapping spans: the earlier (then longer) span wins; later overlapping ones are listed only in the legend.
    """
    text = text if isinstance(text, str) else ""
    rows = []
    if spans is not None and len(spans):
        df = spans.copy()
        df["_len"] = df["end"] - df["start"]
        df = df.sort_values(["start", "_len"], ascending=[True, False], kind="stable")
        rows = list(df.itertuples(index=False))
    labels = sorted({str(r.label) for r in rows})
    colour = {label: LABEL_COLOURS[i % len(LABEL_COLOURS)] for i, label in enumerate(labels)}
    parts: list[str] = []
    pos = 0
    hidden = 0
    for r in rows:
        start, end = int(r.start), int(r.end)
        if start < pos or end <= start or end > len(text):
            hidden += 1
            continue
        tip = getattr(r, "tooltip", None)
        tip = str(r.label) if tip is None or (isinstance(tip, float) and pd.isna(tip)) else str(tip)
        parts.append(html.escape(text[pos:start]))
        parts.append(
            f'<mark style="background:{colour[str(r.label)]};padding:0 2px" title="{html.escape(tip, quote=True)}">'
            f"{html.escape(text[start:end])}"
            f'<sup style="font-size:70%;color:#555">{html.escape(str(r.label))}</sup></mark>'
        )
        pos = end
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n", "<br>\n")
    legend = " ".join(
        f'<span style="background:{colour[label]};padding:0 4px;margin-right:4px">{html.escape(label)}</span>'
        for label in labels
    )
    note = f" ({hidden} overlapping span(s) not drawn)" if hidden else ""
    head = f"<h4>{html.escape(title)}</h4>" if title else ""
    return (
        f'<div class="reading-view" style="max-width:60em;line-height:1.5;font-family:Georgia,serif">{head}'
        f'<div style="font-family:sans-serif;font-size:85%;margin-bottom:6px">{legend}{html.escape(note)}</div>'
        f"<div>{body}</div></div>"
    )


def reading_view(text: str, spans: pd.DataFrame | None = None, title: str | None = None):
    """An ``IPython.display.HTML`` object of :func:`reading_html`, for notebooks."""
    from IPython.display import HTML

    return HTML(reading_html(text, spans, title))
