"""Historical metric models: import a team's exports, fit, predict with intervals, backtest.

Modules, one job each:

* ``numbers``, ``times``: cells as exports write them ("1.2万", "35%", "2024年3月1日 18:30");
* ``fields``, ``presets``, ``mapping``, ``reader``, ``ingest``: a file → the canonical history + report;
* ``age``: counts read at different post ages → one common age;
* ``features``, ``title``, ``forest``, ``model``: the fitted model and its JSON file;
* ``backtest``, ``besttime``, ``factors``: what an operator asks of it;
* ``default``, ``value``: the ``ValueModel`` contract the solver uses, and points per goal.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Imported on first use: the model and the backtest pull in scikit-learn and SciPy (seconds of
# start-up), and every ``import planner.metrics.<module>`` runs this file first. (Once the submodule
# ``planner.metrics.backtest`` is imported, that name is the module; the function is
# ``planner.metrics.backtest.backtest``.)
_LAZY = {
    "BacktestResult": "backtest", "backtest": "backtest",
    "ImportReport": "ingest", "ImportResult": "ingest", "import_history": "ingest",
    "MetricModel": "model", "fit_model": "model",
    "METRICS": "value", "DefaultValueModel": "value", "FittedValueModel": "value", "ValueModel": "value",
    "load_value_model": "value", "value_points": "value",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'planner.metrics' has no attribute '{name}'")
    return getattr(import_module(f"planner.metrics.{module}"), name)


__all__ = [
    "METRICS", "BacktestResult", "DefaultValueModel", "FittedValueModel", "ImportReport", "ImportResult",
    "MetricModel", "ValueModel", "backtest", "fit_model", "import_history", "load_value_model", "value_points",
]
