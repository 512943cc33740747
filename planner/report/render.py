"""One entry point per report kind: ``render_score`` and ``render_comparison`` turn a result into
an ``Output`` in any format; ``write_output`` puts it on disk (atomically) or returns stdout text.

    result = planner.scoring.score(scenario, plan)
    output = render_score("html", result, lang="en")
    write_output(output, "out/")            # out/<name>.html
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import InputError, Problem
from planner.io import write_atomic
from planner.report import csv_out, html, ics, json_out, markdown, table, xlsx_out
from planner.report.labels import LANGS, say
from planner.report.tables import export_tables
from planner.scoring.compare import Comparison
from planner.scoring.score import ScoreResult

FORMATS = ("table", "json", "csv", "xlsx", "md", "ics", "html")
_SUFFIX = {"table": "txt", "json": "json", "md": "md", "html": "html", "xlsx": "xlsx"}


@dataclass
class Output:
    """``files``: name -> content (several for csv and ics). ``stdout``: what to print when no
    output path is given. ``note``: a hint for standard error (e.g. that -o DIR gives more)."""

    files: dict[str, str | bytes]
    stdout: str
    note: str = ""
    many: bool = field(default=False)  # several files: -o names a folder
    binary: bool = field(default=False)  # nothing to print: the file is the output (xlsx)


def _check(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise InputError(Problem(f"unknown format '{fmt}'; formats: {', '.join(FORMATS)}", path="--format"))
    if lang not in LANGS:
        raise InputError(Problem(f"unknown language '{lang}'; languages: {', '.join(LANGS)}", path="--lang"))


def _single(fmt: str, name: str, text: str) -> Output:
    return Output({f"{name}.{_SUFFIX[fmt]}": text}, text.rstrip("\n") + "\n")


def _csv(name: str, tables: dict[str, str], main: str, lang: str) -> Output:
    files: dict[str, str | bytes] = {f"{name}-{key}.csv": "\ufeff" + text for key, text in tables.items()}
    # The BOM tells Excel the files are UTF-8 (Chinese text otherwise shows as mojibake).
    note = say("note_tables", lang, main=main, tables=", ".join(tables))
    return Output(files, tables[main], note, many=True)


def _xlsx(name: str, content: bytes, lang: str) -> Output:
    return Output({f"{name}.xlsx": content}, "", say("note_xlsx", lang), binary=True)


def render_score(fmt: str, result: ScoreResult, lang: str = "zh", name: str = "score") -> Output:
    _check(fmt, lang)
    if fmt == "table":
        return _single(fmt, name, table.score_table(result, lang))
    if fmt == "json":
        return _single(fmt, name, json_out.score_json(result))
    if fmt == "md":
        return _single(fmt, name, markdown.score_markdown(result, lang))
    if fmt == "html":
        return _single(fmt, name, html.score_html(result, lang))
    if fmt == "xlsx":
        return _xlsx(name, xlsx_out.workbook(export_tables(result, lang)), lang)
    if fmt == "csv":
        return _csv(name, csv_out.score_csv(result, lang), "publications", lang)
    files: dict[str, str | bytes] = dict(ics.calendars(result, lang))
    return Output(files, ics.combined_calendar(result, lang).decode("utf-8"),
                  say("note_ics", lang), many=True)


def render_comparison(fmt: str, comp: Comparison, lang: str = "zh", name: str = "whatif") -> Output:
    _check(fmt, lang)
    if fmt == "table":
        return _single(fmt, name, table.comparison_table(comp, lang))
    if fmt == "json":
        return _single(fmt, name, json_out.comparison_json(comp))
    if fmt == "md":
        return _single(fmt, name, markdown.comparison_markdown(comp, lang))
    if fmt == "html":
        return _single(fmt, name, html.comparison_html(comp, lang))
    if fmt == "xlsx":
        return _xlsx(name, xlsx_out.comparison_workbook(comp), lang)
    if fmt == "csv":
        return _csv(name, csv_out.comparison_csv(comp), "summary", lang)
    # ICS of a comparison: each plan's calendars, in a folder per plan.
    files: dict[str, str | bytes] = {}
    for plan_name, result in comp.scores.items():
        files.update({f"{ics.file_id(plan_name)}/{k}": v for k, v in ics.calendars(result, lang).items()})
    base = comp.scores[comp.base]
    return Output(files, ics.combined_calendar(base, lang).decode("utf-8"),
                  say("note_ics_plans", lang, base=comp.base), many=True)


def write_output(output: Output, dest: str | Path) -> list[Path]:
    """Write the files. ``dest`` is a folder for csv and ics (and for any format when it is an existing
    folder or ends with /); otherwise the file itself."""
    if str(dest) == "-":  # standard output: what would be printed without -o
        if output.binary:
            ((_, content),) = output.files.items()
            sys.stdout.buffer.write(content if isinstance(content, bytes) else content.encode("utf-8"))
            return []
        sys.stdout.write(output.stdout)
        return []
    target = Path(dest)
    folder = output.many or target.is_dir() or str(dest).endswith(("/", "\\"))
    if not folder:
        ((_, content),) = output.files.items()
        return [write_atomic(target, content)]
    if target.exists() and not target.is_dir():
        raise InputError(Problem(f"{target} is a file; this format writes several files into a folder", path="-o"))
    return [write_atomic(target / name, content) for name, content in output.files.items()]
