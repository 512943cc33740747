"""A title's pull: ridge regression on character n-grams of the title (TF-IDF), one number per post.

Chinese titles have no spaces, so character 1-3-grams stand in for words. Training rows get
out-of-fold scores (a title never scores itself). Weights are rounded to 6 significant digits
when fitted, so the saved and the fitted scorer are the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold

MIN_TITLES = 200
VOCABULARY = 20000
ALPHA = 3.0
_PARAMS = {"analyzer": "char_wb", "ngram_range": (1, 3), "sublinear_tf": True, "lowercase": True}


def _round(values: np.ndarray) -> np.ndarray:
    return np.asarray([float(f"{v:.6g}") for v in values], dtype=np.float64)


@dataclass(frozen=True)
class TitleScorer:
    terms: list[str]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float

    def _vectorizer(self) -> TfidfVectorizer:
        vec = TfidfVectorizer(vocabulary={t: i for i, t in enumerate(self.terms)}, **_PARAMS)  # type: ignore[arg-type]
        vec.idf_ = self.idf
        return vec

    def score(self, titles: pd.Series) -> np.ndarray:
        matrix = self._vectorizer().transform(titles.fillna("").astype(str))
        return np.asarray(matrix @ self.coef).ravel() + self.intercept

    def to_json(self) -> dict[str, Any]:
        return {"terms": self.terms, "idf": self.idf.tolist(), "coef": self.coef.tolist(), "intercept": self.intercept}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TitleScorer:
        return cls(list(data["terms"]), np.asarray(data["idf"], dtype=np.float64),
                   np.asarray(data["coef"], dtype=np.float64), float(data["intercept"]))


def fit_title(titles: pd.Series, y: np.ndarray, folds: int = 5) -> tuple[TitleScorer, np.ndarray] | None:
    """The scorer fitted on all titles, and out-of-fold scores for the same rows (None: too few titles).

    The vocabulary and idf come from all titles at once (they do not look at ``y``); only the
    ridge weights are refitted per fold.
    """
    clean = titles.fillna("").astype(str)
    if (clean.str.len() > 0).sum() < MIN_TITLES:
        return None
    vec = TfidfVectorizer(min_df=3, max_features=VOCABULARY, dtype=np.float64, **_PARAMS)  # type: ignore[arg-type]
    matrix = vec.fit_transform(clean)
    oof = np.zeros(len(clean))
    for train, test in KFold(folds, shuffle=True, random_state=0).split(clean):
        oof[test] = Ridge(alpha=ALPHA).fit(matrix[train], y[train]).predict(matrix[test])
    ridge = Ridge(alpha=ALPHA).fit(matrix, y)
    terms = [t for t, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]
    return TitleScorer(terms, _round(vec.idf_), _round(ridge.coef_), float(f"{ridge.intercept_:.6g}")), oof
