"""planner bench generate / planner bench run."""

from __future__ import annotations

from pathlib import Path

import click

from planner.bench.families import FAMILIES, write_corpus
from planner.bench.generate import write
from planner.bench.harness import BenchConfig, parse_list, run
from planner.bench.tiers import tier


@click.group()
def bench() -> None:
    """Benchmark instances and the solver against them.

    \b
    Example:
      planner bench generate --tier M --seed 1 -o out/bench
      planner bench run --tiers S,M --seeds 1,2,3
    """


@bench.command()
@click.option("--tier", "tier_name", required=True, help="S, M, L, XL, or T<topics> (a scaling-curve point).")
@click.option("--seed", default=1, show_default=True, help="Same tier and seed: the same file, byte for byte.")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write <tier>-seed<seed>.yaml into.")
def generate(tier_name: str, seed: int, out_dir: str) -> None:
    """Write a benchmark scenario: brands, accounts, a team with days off, trends, series, live sessions.

    S: 2 accounts, 5 members, 30 topics, 7 days. M: 6, 10, 150, 14. L: 12, 25, 600, 28.
    XL: an agency of 20 clients x 3 accounts, 100 members (10 shared), 3,000 topics, 28 days.

    \b
    Example:
      planner bench generate --tier S --seed 1 -o out/bench
      planner check out/bench/S-seed1.yaml
    """
    path = write(tier(tier_name), seed, out_dir)
    click.echo(f"wrote {path}")


@bench.command()
@click.option("--out", "out_dir", default="benchmarks/corpus", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write <family>_<seed>.yaml into.")
@click.option("--families", default="all", show_default=True,
              help=f"Comma-separated families: {', '.join(FAMILIES)}.")
@click.option("--seeds", default="1,2,3", show_default=True, help="Comma-separated seeds.")
def corpus(out_dir: str, families: str, seeds: str) -> None:
    """Write the scenario corpus: each family of team, one file per seed.

    \b
    solo     one creator holding every role, 21 days, long edits in day-parts
    brand    a brand team: pinned lives and ads under an ad-share cap, 存稿, a launch shoot
    agency   three clients, each with its own team, plus shared staff
    live     live commerce: a live every evening that blocks its host
    starved  more topics than the team has hours
    long     28 days with series and a weekly column

    The same family and seed give the same file, byte for byte.

    \b
    Example:
      planner bench corpus --out benchmarks/corpus
      planner check benchmarks/corpus/*.yaml
    """
    chosen = None if families.strip().lower() == "all" else parse_list(families, "families", str)
    paths = write_corpus(out_dir, chosen, parse_list(seeds, "seeds", int))
    click.echo(f"wrote {len(paths)} files to {out_dir}")


@bench.command(name="run")
@click.option("--tiers", help="Comma-separated tiers, or none (default: S,M; none with --corpus).")
@click.option("--seeds", default="1,2,3", show_default=True, help="Comma-separated seeds.")
@click.option("--time-limit", type=float, help="Seconds of search per solve (default: each tier's, S 30, M 20, "
                                               "L 60, XL 300, curve 60).")
@click.option("--workers", type=int, help="Solver workers (default: SolveOptions', 2).")
@click.option("--curve", default="none", show_default=True,
              help="Topic counts of the scaling curve (seed 1 each), e.g. 50,100,200,400,700,1000.")
@click.option("--out", "out_dir", default="benchmarks", show_default=True, type=click.Path(file_okay=False),
              help="Folder of bks.json, results.json and RESULTS.md.")
@click.option("--instances", type=click.Path(file_okay=False), help="Keep the generated instances here.")
@click.option("--no-greedy", is_flag=True, help="Skip the greedy baseline.")
@click.option("--bks-only", is_flag=True,
              help="A long run to improve bks.json: its rows are not recorded (RESULTS.md is re-rendered).")
@click.option("--corpus", "with_corpus", is_flag=True,
              help="Solve the corpus: each family's instance of every seed (default time limit 30 s).")
@click.option("--families", default="all", show_default=True, help="Corpus families to run (with --corpus).")
@click.option("--corpus-dir", type=click.Path(file_okay=False), help="Folder of the corpus (default: OUT/corpus).")
@click.option("--baseline", type=click.Path(file_okay=False, exists=True),
              help="A checkout of an earlier planner (e.g. a git worktree) whose solver runs beside on each corpus "
                   "instance, as the previous release's column.")
@click.option("--memory-limit", type=float, help="Cap each run's address space at this many GiB.")
@click.option("--kill-after", type=float, help="Kill a run after this many seconds (default: 6 x limit + 900).")
def run_command(tiers: str | None, seeds: str, time_limit: float | None, workers: int | None, curve: str,
                out_dir: str, instances: str | None, no_greedy: bool, bks_only: bool, with_corpus: bool, families: str,
                corpus_dir: str | None, baseline: str | None, memory_limit: float | None,
                kill_after: float | None) -> None:
    """Solve each instance and the greedy baseline; write RESULTS.md.

    Each solve runs in its own process (peak RSS per run); progress is printed as it goes.
    An evaluated run never changes bks.json: only a --bks-only run (a long one, not recorded in
    RESULTS.md) does, with its command, date and seconds.

    \b
    Example:
      planner bench run --tiers S,M --seeds 1,2,3
      planner bench run --tiers L --seeds 1 --time-limit 60
      planner bench run --tiers none --curve 50,100,200,400,700,1000
      planner bench run --corpus
      planner bench run --corpus --baseline ../planner-previous
      planner bench run --corpus --families brand --time-limit 600 --bks-only
      planner bench run --tiers M --seeds 1 --time-limit 300 --workers 4 --bks-only
      planner bench run --tiers XL --seeds 1 --memory-limit 12 --kill-after 1200
    """
    if tiers is None:
        tiers = "none" if with_corpus else "S,M"
    config = BenchConfig(
        tiers=parse_list(tiers, "tiers", str), seeds=parse_list(seeds, "seeds", int), time_limit=time_limit,
        workers=workers, curve=parse_list(curve, "curve", int), out_dir=Path(out_dir),
        instances=Path(instances) if instances else None, greedy=not no_greedy, record=not bks_only,
        memory_gib=memory_limit, kill_after=kill_after, corpus=with_corpus,
        families=None if families.strip().lower() == "all" else parse_list(families, "families", str),
        corpus_dir=Path(corpus_dir) if corpus_dir else None, baseline=Path(baseline) if baseline else None)
    path = run(config)
    click.echo(f"results written to {path}; best known solutions in {Path(out_dir) / 'bks.json'}"
               + ("" if bks_only else " (unchanged by this run)"))


COMMANDS = [bench]
