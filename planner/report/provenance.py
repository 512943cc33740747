"""Where each post's predicted numbers come from: a model fitted on the team's own history (on how
many posts of that account), or the built-in defaults. Read from the scenario's value model, the
one ``planner.scoring.score`` uses unless given another."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.metrics.value import FittedValueModel, load_value_model
from planner.pricing import candidate_rows
from planner.report.labels import say
from planner.scoring.predict import as_candidates
from planner.scoring.score import ScoreResult


@dataclass
class Provenance:
    """``basis[(topic, account)]``: ``default`` (built-in), ``platform`` (a fitted model that has no
    posts on this platform: built-in too), ``account`` (fitted, this account's own posts) or
    ``peers`` (fitted, similar accounts). ``posts[account]``: the account's posts in the history;
    ``history_posts``: all posts the model was fitted on (0 without a model)."""

    basis: dict[tuple[str, str], str] = field(default_factory=dict)
    posts: dict[str, int] = field(default_factory=dict)
    history_posts: int = 0

    def text(self, topic: str, account: str, lang: str) -> str:
        kind = self.basis.get((topic, account), "default")
        if kind == "account":
            return say("basis_account", lang, n=self.posts.get(account, 0))
        if kind == "peers":
            return say("basis_peers", lang, n=self.history_posts)
        return say("basis_platform" if kind == "platform" else "basis_default", lang)

    def summary(self, lang: str) -> str:
        """One line for the whole plan: every distinct basis, most used first."""
        counts: dict[str, int] = {}
        for (topic, account) in self.basis:
            line = self.text(topic, account, lang)
            counts[line] = counts.get(line, 0) + 1
        lines = sorted(counts, key=lambda k: -counts[k]) or [say("basis_default", lang)]
        return say("basis_summary", lang, text="; ".join(lines))


def provenance(result: ScoreResult) -> Provenance:
    scenario = result.scenario
    model = load_value_model(scenario.history, scenario.base_dir)
    candidates = as_candidates(scenario, result.plan)
    if not isinstance(model, FittedValueModel) or not candidates:
        return Provenance({(c.topic.id, c.account.id): "default" for c in candidates})
    predicted = model.predict(candidate_rows(scenario, candidates))
    basis = {}
    for c, kind in zip(candidates, predicted["basis"].astype(str), strict=True):
        basis[(c.topic.id, c.account.id)] = ("platform" if kind == "default" else
                                              "account" if kind == "account" else "peers")
    stats = model.model.features.accounts
    posts = {str(k): int(v) for k, v in stats["n"].items()} if "n" in stats else {}
    return Provenance(basis, posts, int(model.model.info.get("posts", sum(posts.values()))))
