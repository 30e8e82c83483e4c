"""Draw the evidence: which document supports which event, and where documents take part in a dispute, or only
word or tell more or less exactly what another claim says.

seaborn draws the document-by-event matrix as a heatmap; the numbers come
from :func:`analysis.stats.evidence.evidence_matrix`. seaborn and matplotlib
are imported inside the function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._frames import require_input
from . import style
from ._axes import current_axes, note_nothing, own_figure
from .figures import describe
from .literal import literal_text
from .style import color_for, mark_color

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: Shades of the cells: no evidence, one row, two, three or more.
EVIDENCE_SHADES = style.EVIDENCE_SHADES
#: Mark of a document's claim on a disputed point of an event: claims that contradict each other.
DISPUTE_MARK = "\u2715"
#: Mark of a document's claim on a point where the claims differ only in precision or wording, or can all hold.
DIFFERS_MARK = "\u2248"
#: What each mark means, as the legend says it.
MARK_MEANINGS = {DISPUTE_MARK: "claims that contradict each other",
                 DIFFERS_MARK: "claims that differ only in precision or wording, or can all hold"}
#: Each mark as the legend draws it (mathtext).
_LEGEND_MARKERS = {DISPUTE_MARK: "$\u2715$", DIFFERS_MARK: r"$\approx$"}


#: A heatmap's size on a figure of its own, in inches: a column per event, a row per document, room for the
#: documents' names on the left and the counts on the right (the key under it is added by
#: :func:`analysis.viz.figures.fit_to_drawing`).
EVIDENCE_COLUMN, EVIDENCE_ROW, EVIDENCE_MARGINS = 0.16, 0.42, (3.2, 1.3)


def evidence_size(matrix: pd.DataFrame, **_: object) -> tuple[float, float]:
    """The size of a figure of its own for the heatmap of ``matrix``: wide enough that the events' numbers, two or
    three digits each, do not run together (matplotlib's default 6.4 x 4.8 inches holds about 20 events).

    Examples
    --------
    >>> evidence_size(pd.DataFrame({"event_id": [f"EV{i}" for i in range(48)], "document": ["A"] * 48}))
    (10.88, 2.4)
    """
    width = EVIDENCE_MARGINS[0] + EVIDENCE_COLUMN * matrix["event_id"].nunique()
    height = EVIDENCE_MARGINS[1] + EVIDENCE_ROW * matrix["document"].nunique()
    return round(max(width, 6.4), 2), round(max(height, 2.4), 2)


@own_figure(evidence_size)
def plot_evidence(matrix: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw which document supports which event: a heatmap of evidence rows, disputes marked.

    One row per document (in order of publication), one column per event
    (in reading order, labelled with the events' numbers and a strip in
    the colour of their kind); a cell's shade counts the document's
    evidence rows for the event (none, 1, 2, 3 or more); a cross marks a
    document's claim on a point of the event where the claims contradict
    each other, and a wavy equals sign (:data:`DIFFERS_MARK`) a claim on a
    point where they differ only in precision or wording, or can all hold
    (``differs``, where the matrix has it); the legend says which is which. The number of events
    each document supports is written at the end of its row, the number of
    documents behind each event above its column.

    Parameters
    ----------
    matrix : DataFrame
        Output of :func:`analysis.stats.evidence.evidence_matrix`.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        The heatmap (seaborn's QuadMesh, ``gid`` ``"evidence"``), one cross
        per disputed cell (texts with ``gid`` ``"disputed"``), one wavy
        equals sign per cell whose claims differ only in precision or wording,
        or can all hold (``gid`` ``"differs"``), one kind patch per event (``gid``
        ``"kind:<kind>"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"doc_id": ["a", "a"], "document": ["A, 1 Jan 2020"] * 2, "event_id": ["EV1", "EV2"],
    ...                       "number": [1, 2], "kind": ["US strike", "political"], "rows": [1, 0],
    ...                       "disputed": [True, False]})
    >>> ax = plot_evidence(frame, ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "disputed"]
    ['\u2715']
    """
    import seaborn as sns
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch, Rectangle

    require_input(matrix, ["doc_id", "document", "event_id", "number", "kind", "rows", "disputed"], taker="plot_evidence",
                  maker="evidence_matrix")
    ax = current_axes(ax)
    if matrix.empty:
        note_nothing(ax, "no evidence to show")
        describe(ax, "No evidence to show.")
        return ax
    documents = list(dict.fromkeys(matrix["document"]))
    columns = matrix.drop_duplicates("event_id")  # in the matrix's order: reading order
    rows = matrix.pivot(index="document", columns="number", values="rows").loc[documents, columns["number"]]
    disputed = matrix.pivot(index="document", columns="number", values="disputed").loc[documents, columns["number"]]
    differs = (matrix.pivot(index="document", columns="number", values="differs").loc[documents, columns["number"]]
               if "differs" in matrix.columns else disputed & False) & ~disputed
    cmap = ListedColormap(list(EVIDENCE_SHADES))
    norm = BoundaryNorm([-0.5, 0.5, 1.5, 2.5, 1e9], cmap.N)
    sns.heatmap(rows.clip(upper=3), ax=ax, cmap=cmap, norm=norm, cbar=False, linewidths=0.6, linecolor="0.85",
                square=False, xticklabels=True, yticklabels=False)
    ax.collections[0].set_gid("evidence")
    for mark, gid, cells in ((DISPUTE_MARK, "disputed", disputed), (DIFFERS_MARK, "differs", differs)):
        for (i, j) in zip(*np.nonzero(cells.to_numpy(dtype=bool))):
            color = mark_color(EVIDENCE_SHADES[int(min(rows.iloc[i, j], 3))])  # dark on light cells, light on dark
            ax.text(j + 0.5, i + 0.52, mark, ha="center", va="center", fontsize=7.5, color=color,
                    fontweight="bold", gid=gid)
    colors = color_for(list(dict.fromkeys(columns["kind"].fillna("unknown"))))
    for j, kind in enumerate(columns["kind"].fillna("unknown")):
        ax.add_patch(Rectangle((j + 0.06, -0.42), 0.88, 0.3, color=colors[kind], clip_on=False, gid=f"kind:{kind}"))
    supported = (rows > 0).sum(axis=0)
    for j, count in enumerate(supported):
        ax.text(j + 0.5, -0.55, str(int(count)), ha="center", va="bottom", fontsize=7, color="0.3")
    for i, count in enumerate((rows > 0).sum(axis=1)):
        ax.text(len(columns) + 0.3, i + 0.5, f"{int(count)} events", ha="left", va="center", fontsize=8, color="0.3")
    ax.set_xlabel("events in date order, numbered as on the timeline and in the tables")
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelsize=7, length=0, rotation=0)
    ax.tick_params(axis="y", labelsize=8.5, length=0)
    # each report by its name (a table's form, :func:`analysis.stats.evidence.document_names`), drawn as written
    # (not seaborn's labels: it measures them as mathematics before they can be escaped)
    ax.set_yticks(np.arange(len(documents)) + 0.5, [literal_text(name) for name in documents], rotation=0,
                  va="center")
    ax.text(-0.15, -0.55, "reports per event", ha="right", va="bottom", fontsize=7, color="0.3")
    shades = [Patch(facecolor=c, edgecolor="0.7", label=label)
              for c, label in zip(EVIDENCE_SHADES[1:], ("1 passage cited", "2 passages", "3 or more"))]
    kinds = [Patch(facecolor=c, label=k) for k, c in colors.items()]
    marks = [ax.scatter([], [], marker=_LEGEND_MARKERS[mark], color="0.1", s=40, linewidths=0, label=meaning)
             for mark, meaning in MARK_MEANINGS.items() if (disputed if mark == DISPUTE_MARK else differs).any().any()]
    ax.legend(handles=shades + marks + kinds, loc="upper left", bbox_to_anchor=(0.0, -0.16), ncol=5,
              handletextpad=0.4, columnspacing=1.2, borderaxespad=0.0, fontsize=8)
    describe(ax, _evidence_description(matrix, documents, rows, disputed, differs, columns))
    return ax


def _evidence_description(matrix: pd.DataFrame, documents: list[str], rows: pd.DataFrame, disputed: pd.DataFrame,
                          differs: pd.DataFrame, columns: pd.DataFrame) -> str:
    per_document = "; ".join(f"{name} supports {int((rows.loc[name] > 0).sum())} events" for name in documents)
    per_event = (rows > 0).sum(axis=0)
    spread = per_event.value_counts().sort_index()
    counts = ", ".join(f"{int(n)} by {int(k)} document{'s' if k != 1 else ''}" for k, n in spread.items())
    many = columns.loc[columns["number"].isin(per_event[per_event >= 3].index), "number"].tolist()
    text = (f"Heatmap of {len(documents)} documents by {len(columns)} events. {per_document}. "
            f"Events supported: {counts}.")
    if many:
        text += f" Events told by three or more documents: numbers {', '.join(map(str, many))}."
    marked = int(disputed.to_numpy(dtype=bool).sum())
    if marked:
        text += f" {marked} cells mark a claim that another contradicts."
    alike = int(differs.to_numpy(dtype=bool).sum())
    if alike:
        text += f" {alike} cells mark a claim that others tell only more or less exactly, or in other words."
    return text
