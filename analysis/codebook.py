"""Print the data dictionary of the coded tables as Markdown.

``python -m analysis.codebook`` writes the text of the data dictionary in
``docs/data-dictionary.md``; a test checks that the page holds exactly this
text, so the two cannot drift apart.
"""

from __future__ import annotations

from . import schema

_DTYPES = {
    "id": "string",
    "text": "string",
    "sha256": "string",
    "date": "datetime64[ns]",
    "int": "Int64",
    "float": "float64",
    "latitude": "float64",
    "longitude": "float64",
    "origin": "string",
}


def _dtype(column: schema.Column) -> str:
    if column.kind == "category":
        return "category (ordered)" if all(isinstance(a, int) for a in column.allowed) else "category"
    return _DTYPES[column.kind]


def _allowed(column: schema.Column, spec: schema.TableSpec) -> str:
    if column.name == "sub_event_type":
        return "ACLED sub-event types of the row's event type (see below)"
    if column.allowed:
        return ", ".join(f"`{a}`" for a in column.allowed)
    if column.kind == "date":
        return f"a real day, `YYYY-MM-DD`, from {schema.DATE_RANGE[0]} to {schema.DATE_RANGE[1]}"
    if column.kind == "int":
        return "whole number >= 0 in digits 0-9, no leading zero, at most 18 digits"
    if column.kind == "latitude":
        lat_min, lat_max = schema.REGION_BOUNDS[:2]
        return f"{lat_min} to {lat_max}"
    if column.kind == "longitude":
        lon_min, lon_max = schema.REGION_BOUNDS[2:]
        return f"{lon_min} to {lon_max}"
    if column.kind == "sha256":
        return "64 lowercase hex digits"
    if column.kind == "origin":
        return ", ".join(f"`{o}`" for o in schema.DATE_ORIGINS) + ", " + ", ".join(
            f"`{kind} <id>`" for kind in schema.DATE_ORIGIN_REFERENCES
        )
    if column.name == spec.key:
        return "unique"
    if column.name == "quote":
        return "at least 3 words and 12 characters, found verbatim in the document"
    if column.name == "file_name":
        return "a file inside the sources table's folder (a relative path without `..`)"
    return "free text"


def data_dictionary() -> str:
    """Return the data dictionary of every table as Markdown.

    Returns
    -------
    str
        One section per table (file, meaning of a row, then a table of
        ``column | type | required | meaning | allowed values``), followed by
        ACLED's event and sub-event types.
    """
    parts = [
        "Every table is a UTF-8 CSV file with a header row. `required` means the value may not be empty;",
        "an empty optional value loads as missing (`<NA>`/`NaT`). The loaders return the dtypes below;",
        "columns a file has beyond these are kept, as text, after them.",
        "",
    ]
    for spec in schema.TABLES.values():
        folder = "seeds/" if spec is schema.SOURCES else "analysis/data/"
        parts += [f"### `{spec.name}` (`{folder}{spec.file_name}`)", "", spec.description, ""]
        parts += ["| column | type | required | meaning | allowed values |", "|---|---|---|---|---|"]
        for column in spec.columns:
            parts.append(
                f"| `{column.name}` | {_dtype(column)} | {'yes' if column.required else 'no'} | "
                f"{column.meaning} | {_allowed(column, spec)} |"
            )
        parts.append("")
    parts += ["### ACLED event types and their sub-event types", "", "| event_type | sub_event_type |", "|---|---|"]
    for event_type, subs in schema.ACLED_SUB_EVENT_TYPES.items():
        parts.append(f"| {event_type} | {', '.join(subs)} |")
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(data_dictionary(), end="")
