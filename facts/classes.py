"""The words of the fact data, from the one vocabulary (graph/vocabulary.py): volatility classes
with their review intervals, the kinds of fact and their statuses. Re-exported here so that the
facts package reads them from one place."""

from __future__ import annotations

from graph.vocabulary import FACT_CHECKED_LABEL as CHECKED_LABEL
from graph.vocabulary import FACT_KINDS as KINDS
from graph.vocabulary import FACT_MODELS as MODELS
from graph.vocabulary import FACT_PARAMETERS as PARAMETERS
from graph.vocabulary import FACT_STALE_LABEL as STALE_LABEL
from graph.vocabulary import FACT_VALUES as VALUES
from graph.vocabulary import FACTS_SRC, MODEL_STATUS, PARAMETER_STATUS
from graph.vocabulary import VOLATILITY as VOLATILITY_CLASSES

__all__ = ["CHECKED_LABEL", "FACTS_SRC", "KINDS", "MODELS", "MODEL_STATUS", "PARAMETERS", "PARAMETER_STATUS",
           "STALE_LABEL", "VALUES", "VOLATILITY_CLASSES"]
