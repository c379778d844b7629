"""The summary of a report: facts about a run taken only from the store's lineage records.

:func:`report_facts` gathers them (JSON-able: the run, its data sources with hashes and import
files, recipes, model, parameters, seed, metrics, forecast horizon, library versions, the
bundle's files); :func:`summary_sections` lays them out once, and :func:`render_markdown` and
:func:`render_html` render the same sections, so the two documents always say the same thing.
User data in them (dataset, column and device names, run titles, paths) is escaped: HTML
entities in both, Markdown markup characters too in Markdown (:func:`md_text`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from iotfin_gui.core.lineage import utc_now
from iotfin_gui.core.model_names import run_model_label
from iotfin_gui.core.store import Store


def _dataset_chain(store: Store, dataset_id: int | None) -> list[dict[str, Any]]:
    """The run's dataset and the datasets it was derived from, each with its imports."""
    chain: list[dict[str, Any]] = []
    seen: set[int] = set()
    while dataset_id is not None and dataset_id not in seen:
        seen.add(dataset_id)
        rows = list(store.db.query("SELECT * FROM datasets WHERE id = ? AND deleted_at IS NULL",
                                   [dataset_id]))
        if not rows:
            chain.append({"dataset_id": dataset_id, "dataset": None, "note": "deleted"})
            break
        row = rows[0]
        imports = [
            {"import_id": i["id"], "source_path": i["source_path"], "sha256": i["source_sha256"],
             "rows_imported": i["rows_imported"], "finished_at": i["finished_at"]}
            for i in store.db.query("SELECT * FROM imports WHERE dataset_id = ? ORDER BY id",
                                    [dataset_id])
        ]
        chain.append({"dataset_id": row["id"], "dataset": row["name"], "kind": row["kind"],
                      "rows": row["row_count"], "data_hash": row["data_hash"],
                      "source": row["source"], "created_at": row["created_at"],
                      "recipe_id": row["recipe_id"], "imports": imports})
        dataset_id = row["parent_id"]
    return chain


def _recipes(store: Store, ids: Sequence[int | None]) -> list[dict[str, Any]]:
    wanted = sorted({i for i in ids if i is not None})
    return [{"recipe_id": r["id"], "name": r["name"], "version": r["version"],
             "created_at": r["created_at"]}
            for i in wanted for r in store.db.query(
                "SELECT * FROM recipes WHERE id = ? AND deleted_at IS NULL", [i])]


def report_facts(store: Store, run_id: int, *, files: Sequence[Mapping[str, Any]] = (),
                 images: Sequence[str] = (), image_note: str = "",
                 notes: Sequence[str] = ()) -> dict[str, Any]:
    """Everything the summary states, read from the store (and the bundle's file list)."""
    run = store.run(run_id)
    params = run["params"]
    sources = _dataset_chain(store, run["dataset_id"])
    recipes = _recipes(store, [run["recipe_id"], *(s.get("recipe_id") for s in sources)])
    metrics = [{"scope": scope, "name": name, "value": value, "spread": spread}
               for (scope, name), (value, spread) in sorted(run["metrics"].items())
               if not scope.startswith(("series:", "cashout:", "plan:"))]
    facts: dict[str, Any] = {
        "generated_at": utc_now(),
        "run": {"run_id": run["id"], "kind": run["kind"], "title": run["title"],
                "started_at": run["started_at"], "finished_at": run["finished_at"],
                "duration_s": run["duration_s"], "data_hash": run["data_hash"],
                "model": run_model_label(run["kind"], params), "seed": run["seed"],
                "model_path": run["model_path"], "model_sha256": run["model_sha256"]},
        "params": params,
        "data_sources": sources,
        "recipes": recipes,
        "metrics": metrics,
        "versions": run["library_versions"],
        "files": [dict(f) for f in files],
        "images": list(images),
        "image_note": image_note,
        "notes": list(notes),
    }
    if run["kind"] == "forecast":
        first, last, series = store.conn.execute(
            "SELECT min(ds), max(ds), count(DISTINCT series_id) FROM forecasts WHERE run_id = ?",
            [run_id]).fetchone()
        facts["forecast"] = {"horizon": params.get("horizon"), "levels": params.get("levels"),
                             "series": series, "first_date": first, "last_date": last}
    return facts


def fmt(value: Any) -> str:
    """How a value is written in the summary (numbers to 6 significant digits)."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


@dataclass
class Section:
    """A heading, some lines of text and optionally a table (header, rows)."""

    title: str
    lines: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    #: Image files of the bundle (relative names) shown in the section.
    images: list[str] = field(default_factory=list)


def summary_sections(facts: Mapping[str, Any]) -> tuple[str, list[Section]]:
    """The document title and its sections, all values already written as text."""
    run = facts["run"]
    title = f"Report: run {run['run_id']} — {run['title']}"
    overview = Section("Run", [
        f"Kind: {run['kind']}; model: {fmt(run['model'])}; seed: {fmt(run['seed'])}",
        f"Started {run['started_at']}, finished {run['finished_at']} "
        f"({fmt(run['duration_s'])} s); report generated {facts['generated_at']}",
        f"Data hash of the run's input: {fmt(run['data_hash'])}",
    ])
    if run["model_path"]:
        overview.lines.append(f"Model file: {run['model_path']} (sha256 {run['model_sha256']})")
    sources = Section("Data sources", header=["dataset", "rows", "data hash", "source",
                                              "import file", "file sha256"])
    for source in facts["data_sources"]:
        imports = source.get("imports") or [{}]
        for item in imports:
            sources.rows.append([fmt(source.get("dataset")), fmt(source.get("rows")),
                                 fmt(source.get("data_hash")), fmt(source.get("source")),
                                 fmt(item.get("source_path")), fmt(item.get("sha256"))])
    if not facts["data_sources"]:
        sources.lines.append("The run records no dataset.")
    recipes = Section("Recipes", rows=[[r["name"], fmt(r["version"]), r["created_at"]]
                                       for r in facts["recipes"]])
    if recipes.rows:
        recipes.header = ["recipe", "version", "created"]
    else:
        recipes.lines.append("No recipe was applied.")
    params = Section("Parameters", header=["parameter", "value"],
                     rows=[[k, fmt(v)] for k, v in sorted(facts["params"].items())])
    metrics = Section("Metrics", header=["scope", "metric", "value", "spread"],
                      rows=[[m["scope"] or "overall", m["name"], fmt(m["value"]),
                             fmt(m["spread"])] for m in facts["metrics"]])
    sections = [overview, sources, recipes, params, metrics]
    if "forecast" in facts:
        f = facts["forecast"]
        sections.append(Section("Forecast", [
            f"Horizon: {fmt(f['horizon'])} days, {fmt(f['series'])} series, from "
            f"{fmt(f['first_date'])} to {fmt(f['last_date'])}; interval levels: "
            f"{fmt(f['levels'])}"]))
    if facts["images"]:
        sections.append(Section("Plots", images=list(facts["images"])))
    sections.append(Section("Versions", header=["software", "version"],
                            rows=[[k, v] for k, v in facts["versions"].items()]))
    files = Section("Files", header=["file", "rows", "sha256"],
                    rows=[[f["name"], fmt(f.get("rows")), f["sha256"]] for f in facts["files"]])
    files.lines.append("Images: " + (", ".join(facts["images"]) if facts["images"] else
                                     facts["image_note"] or "none"))
    files.lines += list(facts.get("notes", []))
    sections.append(files)
    return title, sections


#: Characters that start Markdown markup inside a line (links, images, emphasis, code, tables).
#: ``_`` is left alone: inside a word (``demo_withdrawals``) it never starts emphasis.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]|~])")


def md_text(text: str) -> str:
    """``text`` shown literally in Markdown: HTML's ``< > &`` as entities (no tag, script or
    image survives), Markdown's markup characters escaped, line breaks as spaces."""
    escaped = html.escape(str(text), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("\r", " ").replace("\n", " ")


def render_markdown(facts: Mapping[str, Any]) -> str:
    """The summary as Markdown; every value (names, titles, paths) is escaped with
    :func:`md_text`."""
    title, sections = summary_sections(facts)
    out = [f"# {md_text(title)}", ""]
    for section in sections:
        out += [f"## {section.title}", ""]
        out += [f"- {md_text(line)}" for line in section.lines]
        if section.lines:
            out.append("")
        out += [f"![{md_text(name)}]({quote(name)})\n" for name in section.images]
        if section.header:
            out.append("| " + " | ".join(section.header) + " |")
            out.append("|" + "---|" * len(section.header))
            out += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in section.rows]
            out.append("")
    return "\n".join(out)


def render_html(facts: Mapping[str, Any]) -> str:
    title, sections = summary_sections(facts)
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(title)}</title>",
           "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
           "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style>",
           f"</head><body><h1>{e(title)}</h1>"]
    for section in sections:
        out.append(f"<h2>{e(section.title)}</h2>")
        if section.lines:
            out.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in section.lines)
                       + "</ul>")
        out += [f'<figure><img src="{e(quote(name))}" alt="{e(name)}" style="max-width:100%">'
                f"<figcaption>{e(name)}</figcaption></figure>" for name in section.images]
        if section.header:
            out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in section.header)
                       + "</tr>")
            out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                    for row in section.rows]
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)
