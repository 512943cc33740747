"""Match an export's posts to the plan's publications: same platform (and account where the export
says which), published within a window of the planned time, and a title that reads alike.

Creator-centre exports write the title as posted, often with the caption and hashtags after it,
so a planned title found inside the posted one counts as alike. Each planned publication takes at
most one row: the closest (title first, then time). Rows that match nothing are reported with why.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from planner.actuals.words import say
from planner.domain.plan import Plan
from planner.domain.scenario import Account, Scenario

WINDOW_HOURS = 12.0
MIN_SIMILARITY = 0.35
#: A row posted this close to the planned time on a known account matches even with a new title.
SAME_SLOT_HOURS = 0.5
_HASHTAG = re.compile(r"#[^\s#]+#?")
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)

#: Columns the matched actuals add to the history's own.
MATCH_COLUMNS = ("topic", "planned_at", "title_similarity", "hours_off")


def plain_title(text: str) -> str:
    """Title as compared: NFKC, lower case, no hashtags, spaces or punctuation."""
    return _NOISE.sub("", _HASHTAG.sub(" ", unicodedata.normalize("NFKC", str(text)).lower()))


def title_similarity(planned: str, posted: str) -> float:
    """0..1: 1 for the same words; a planned title found inside the posted one counts 0.95."""
    a, b = plain_title(planned), plain_title(posted)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if len(a) >= 4 and a in b:
        return 0.95
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class Unmatched:
    row: int
    title: str
    why: str


@dataclass
class Matching:
    """Rows matched to publications (history columns, the scenario's account id, and the topic,
    planned time, title similarity and hours off), rows left over with why, and the planned posts
    in the export's time range that have no row."""

    actuals: pd.DataFrame
    unmatched: list[Unmatched] = field(default_factory=list)
    not_posted: list[tuple[str, str, datetime]] = field(default_factory=list)
    rows: int = 0
    file: str = ""

    def lines(self, lang: str = "zh") -> list[str]:
        out = [say("matched", lang, file=self.file, rows=self.rows, matched=len(self.actuals),
                   unmatched=len(self.unmatched))]
        out += [say("unmatched_row", lang, row=u.row, title=u.title[:40], why=u.why) for u in self.unmatched]
        if self.not_posted:
            posts = ", ".join(f"{t}@{a} {at:%m-%d %H:%M}" for t, a, at in self.not_posted[:10])
            out.append(say("not_posted", lang, count=len(self.not_posted), posts=posts
                           + (" ..." if len(self.not_posted) > 10 else "")))
        return out


def _accounts_for(row: pd.Series, scenario: Scenario) -> tuple[list[Account], bool]:
    """The scenario's accounts a row may belong to, and whether the export named the account."""
    on_platform = [a for a in scenario.accounts if a.platform == row["platform"]]
    named = [a for a in on_platform if row["account"] in (a.id, a.name) or row["account_name"] in (a.id, a.name)]
    return (named, True) if named else (on_platform, False)


def match_actuals(frame: pd.DataFrame, scenario: Scenario, plan: Plan, *, file: str = "",
                  window_hours: float = WINDOW_HOURS, lang: str = "zh") -> Matching:
    """Match an imported export (``planner.metrics.ingest.import_history``'s frame) to ``plan``."""
    horizon = scenario.horizon
    frame = frame.reset_index(drop=True)
    pubs = [(p, horizon.localize(p.at)) for p in plan.publications]
    titles = {t.id: t.title for t in scenario.topics}
    pairs: list[tuple[float, float, int, int]] = []  # (-similarity, hours off, row index, pub index)
    nearest: dict[int, tuple[float, float, int]] = {}
    for i in range(len(frame)):
        row = frame.iloc[i]
        accounts, named = _accounts_for(row, scenario)
        ids = {a.id for a in accounts}
        posted = pd.Timestamp(row["published_at"]).to_pydatetime()
        for j, (pub, at) in enumerate(pubs):
            if pub.account not in ids:
                continue
            hours = abs((posted - at).total_seconds()) / 3600
            if hours > window_hours:
                continue
            sim = title_similarity(titles.get(pub.topic, pub.topic), str(row["title"]))
            if sim >= MIN_SIMILARITY or (named and hours <= SAME_SLOT_HOURS):
                pairs.append((-sim, hours, i, j))
            elif i not in nearest or hours < nearest[i][0]:
                nearest[i] = (hours, sim, j)
    pairs.sort()
    row_to_pub: dict[int, int] = {}
    pub_to_row: dict[int, int] = {}
    for _, _, i, j in pairs:
        if i in row_to_pub or j in pub_to_row:
            continue
        row_to_pub[i], pub_to_row[j] = j, i
    matched = frame.loc[sorted(row_to_pub)].copy()
    chosen = [pubs[row_to_pub[i]] for i in matched.index]
    matched["account"] = [p.account for p, _ in chosen]
    matched["topic"] = [p.topic for p, _ in chosen]
    matched["planned_at"] = [at for _, at in chosen]
    matched["title_similarity"] = [round(title_similarity(titles.get(p.topic, p.topic), str(t)), 3)
                                   for (p, _), t in zip(chosen, matched["title"], strict=True)]
    matched["hours_off"] = [round(abs((pd.Timestamp(posted).to_pydatetime() - at).total_seconds()) / 3600, 2)
                            for (_, at), posted in zip(chosen, matched["published_at"], strict=True)]
    out = Matching(matched.reset_index(drop=True), rows=len(frame), file=file)
    for i in range(len(frame)):
        if i in row_to_pub:
            continue
        row = frame.iloc[i]
        out.unmatched.append(Unmatched(int(row["row"]), str(row["title"]),
                                       _why(i, row, pairs, pub_to_row, nearest, pubs, titles, frame, scenario,
                                            window_hours, lang)))
    out.not_posted = _not_posted(frame, pubs, pub_to_row)
    return out


def _why(i: int, row: pd.Series, pairs: list[tuple[float, float, int, int]], pub_to_row: dict[int, int],
         nearest: dict[int, tuple[float, float, int]], pubs: list, titles: dict[str, str], frame: pd.DataFrame,
         scenario: Scenario, window_hours: float, lang: str) -> str:
    mine = [p for p in pairs if p[2] == i]
    if mine:
        j = mine[0][3]
        pub = pubs[j][0]
        return say("taken", lang, topic=pub.topic, account=pub.account, row=int(frame["row"].iloc[pub_to_row[j]]))
    if i in nearest:
        _, sim, j = nearest[i]
        pub, at = pubs[j]
        return say("title_far", lang, topic=pub.topic, title=titles.get(pub.topic, "")[:30], at=f"{at:%m-%d %H:%M}",
                   sim=sim, floor=MIN_SIMILARITY)
    accounts, named = _accounts_for(row, scenario)
    where = "/".join(a.id for a in accounts) if named else str(row["platform"])
    return say("no_slot", lang, where=where or str(row["platform"]), hours=window_hours,
               at=f"{pd.Timestamp(row['published_at']):%m-%d %H:%M}")


def _not_posted(frame: pd.DataFrame, pubs: list, pub_to_row: dict[int, int]) -> list[tuple[str, str, datetime]]:
    """Planned posts on the accounts the export matched, between its first and last post, with no row."""
    if frame.empty or not pub_to_row:
        return []
    times = pd.to_datetime(frame["published_at"], utc=True)
    first, last = times.min().to_pydatetime(), times.max().to_pydatetime()
    accounts = {pubs[j][0].account for j in pub_to_row}
    return [(p.topic, p.account, at) for j, (p, at) in enumerate(pubs)
            if j not in pub_to_row and p.account in accounts and first <= at <= last]
