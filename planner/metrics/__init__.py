"""Historical metric models: import a team's exports, fit, predict with intervals, backtest.

Modules, one job each:

* ``numbers``, ``times``: cells as exports write them ("1.2万", "35%", "2024年3月1日 18:30");
* ``fields``, ``presets``, ``mapping``, ``reader``, ``ingest``: a file → the canonical history + report;
* ``age``: counts read at different post ages → one common age;
* ``features``, ``title``, ``forest``, ``model``: the fitted model and its JSON file;
* ``backtest``, ``besttime``, ``factors``: what an operator asks of it;
* ``default``, ``value``: the ``ValueModel`` contract the solver uses, and points per goal.
"""

from planner.metrics.backtest import BacktestResult, backtest
from planner.metrics.ingest import ImportReport, ImportResult, import_history
from planner.metrics.model import MetricModel, fit_model
from planner.metrics.value import (
    METRICS,
    DefaultValueModel,
    FittedValueModel,
    ValueModel,
    load_value_model,
    value_points,
)

__all__ = [
    "METRICS", "BacktestResult", "DefaultValueModel", "FittedValueModel", "ImportReport", "ImportResult",
    "MetricModel", "ValueModel", "backtest", "fit_model", "import_history", "load_value_model", "value_points",
]
