"""A sweep's comparison table (table, json or csv), in Chinese (the default) or English."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from planner.distributed.sweep import Row, Sweep
from planner.errors import printable
from planner.messages import say_in
from planner.report.labels import platform_name, word
from planner.report.render import Output
from planner.textwidth import table

SWEEP_FORMATS = ("table", "json", "csv")

_WORDS = {
    "title": ("{scenario}：{cases} 个组合，{workers} 个工作进程，用时 {wall:.1f} 秒",
              "{scenario}: {cases} case(s) on {workers} worker(s) in {wall:.1f}s"),
    "case": ("#", "#"),
    "wall": ("用时(秒)", "wall s"),
    "hash": ("计划指纹", "plan hash"),
    "failed": ("失败", "FAILED"),
    "failed_cases": ("失败的组合（其余结果完整）：", "cases that failed (the others are complete):"),
    "per_platform": ("各平台发布数", "posts per platform"),
    "costs": ("场景数据 {payload} 只发送一次（每个工作进程取一次），每个任务另带 {task}；提交用时 {seconds:.2f} 秒",
              "scenario payload {payload} sent once (each worker fetches it once), {task} more per task; "
              "submitting took {seconds:.2f}s"),
    "progress": ("  {done}/{total} {case}: {what}", "  {done}/{total} {case}: {what}"),
    "progress_ok": ("{status} 价值分 {value:,.1f}（{wall:.1f} 秒）", "{status} value {value:,.1f} ({wall:.1f}s)"),
    "progress_failed": ("失败：{why}", "failed: {why}"),
    "start": ("求解 {cases} 个组合（{where}），每个最多搜索 {limit:g} 秒",
              "solving {cases} case(s) ({where}), up to {limit:g}s of search each"),
    "embedded": ("本机 {workers} 个工作进程", "{workers} local worker(s)"),
    "serial": ("在本进程中逐个求解", "one by one in this process"),
    "cluster": ("集群 {address}", "cluster {address}"),
}


def say(key: str, lang: str, **args: Any) -> str:
    return say_in(_WORDS, key, lang, **args)


def render_sweep(fmt: str, sweep: Sweep, lang: str = "zh", name: str = "sweep") -> Output:
    note = _costs_note(sweep, lang)
    if fmt == "json":
        text = json.dumps(sweep_json(sweep), ensure_ascii=False, indent=2) + "\n"
        return Output({f"{name}.json": text}, text, note)
    if fmt == "csv":
        text = sweep_csv(sweep)
        return Output({f"{name}.csv": "\ufeff" + text}, text, note)  # the BOM: Excel reads UTF-8
    text = "\n".join(sweep_table(sweep, lang)) + "\n"
    return Output({f"{name}.txt": text}, text, note)


def sweep_table(sweep: Sweep, lang: str) -> list[str]:
    axes = [a.name for a in sweep.axes]
    head = [say("case", lang), *axes, word("status", lang), word("value", lang), word("posts", lang),
            word("gap", lang), say("wall", lang), say("hash", lang)]
    rows = []
    for number, row in enumerate(sweep.rows, 1):
        r = row.result
        if r is None:
            rows.append([str(number), *row.case.labels, say("failed", lang), "", "", "", "", ""])
        else:
            rows.append([str(number), *row.case.labels, r.status, f"{r.value:,.1f}", str(r.posts), f"{r.gap:.2%}",
                         f"{r.wall:.1f}", r.plan_hash])
    shown = len(axes)
    lines = [say("title", lang, scenario=sweep.scenario, cases=len(sweep.rows), workers=sweep.workers, wall=sweep.wall),
             "", *table(head, rows, right=range(shown + 2, shown + 6), rule=True)]
    done = [(n, row.result) for n, row in enumerate(sweep.rows, 1) if row.result is not None]
    if sweep.platforms and done:
        lines += ["", say("per_platform", lang)]
        lines += table([say("case", lang), *(platform_name(p, lang) for p in sweep.platforms)],
                       [[str(n), *(str(r.per_platform.get(p, 0)) for p in sweep.platforms)] for n, r in done],
                       indent="  ", right=range(1, len(sweep.platforms) + 1))
    if sweep.members and done:
        lines += ["", word("hours_per_member", lang)]
        lines += table([say("case", lang), *sweep.members],
                       [[str(n), *(f"{r.hours.get(m, 0.0):g}" for m in sweep.members)] for n, r in done],
                       indent="  ", right=range(1, len(sweep.members) + 1))
    if sweep.failed:
        lines += ["", say("failed_cases", lang)]
        lines += [f"  {sweep.rows.index(row) + 1} {row.case.name}: {row.error}" for row in sweep.failed]
    return [printable(line) for line in lines]


def _record(row: Row, sweep: Sweep) -> dict[str, Any]:
    out: dict[str, Any] = {"case": row.case.name, **dict(zip((a.name for a in sweep.axes), row.case.labels, strict=True)),
                           "seed": row.case.seed}
    r = row.result
    if r is None:
        return {**out, "status": "FAILED", "error": row.error}
    return {**out, "status": r.status, "objective": r.objective, "value": r.value, "posts": r.posts,
            "gap": r.gap, "solve_seconds": r.solve_seconds, "wall": r.wall, "plan_hash": r.plan_hash,
            "worker": r.worker, "posts_per_platform": r.per_platform, "hours_per_member": r.hours}


def sweep_json(sweep: Sweep) -> dict[str, Any]:
    costs = sweep.costs
    return {"scenario": sweep.scenario, "axes": [a.name for a in sweep.axes], "workers": sweep.workers,
            "wall": round(sweep.wall, 3),
            "costs": None if costs is None else {"payload_bytes": costs.payload_bytes, "task_bytes": costs.task_bytes,
                                                 "send_seconds": round(costs.send_seconds, 3)},
            "cases": [_record(row, sweep) for row in sweep.rows],
            "failed": [row.case.name for row in sweep.failed]}


def sweep_csv(sweep: Sweep) -> str:
    """One line per case: the axes, the results, then posts per platform and hours per member."""
    buffer = io.StringIO()
    fixed = ["case", *(a.name for a in sweep.axes if a.name != "seed"), "seed", "status", "objective", "value", "posts", "gap",
             "solve_seconds", "wall", "plan_hash", "worker", "error"]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fixed + [f"posts:{p}" for p in sweep.platforms] + [f"hours:{m}" for m in sweep.members])
    for row in sweep.rows:
        record = _record(row, sweep)
        r = row.result
        extra = ([r.per_platform.get(p, 0) for p in sweep.platforms] + [r.hours.get(m, 0.0) for m in sweep.members]
                 if r is not None else [""] * (len(sweep.platforms) + len(sweep.members)))
        writer.writerow([record.get(k, "") for k in fixed] + extra)
    return buffer.getvalue()


def _costs_note(sweep: Sweep, lang: str) -> str:
    c = sweep.costs
    if c is None:
        return ""
    return say("costs", lang, payload=_size(c.payload_bytes), task=_size(c.task_bytes), seconds=c.send_seconds)


def _size(n: int) -> str:
    return f"{n / 1024:,.1f} kB" if n >= 1024 else f"{n} B"
