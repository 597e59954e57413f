"""The vocabulary of the fact data: volatility classes with their review intervals, the kinds of
fact and the statuses they may carry (with the Japanese labels pages show).

The review interval of a fact is its class's, never a literal in the data file: a fact whose
`checked` date is more than `interval_days` ago is stale (「要再確認」 on the page, listed by
`python -m graph check docs/ --stale`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class VolatilityClass:
    """How fast a kind of fact ages: its name in the data file, a label and its review interval."""

    name: str
    label: str
    interval_days: int


VOLATILITY_CLASSES: Final = {c.name: c for c in (
    VolatilityClass("model-lineup", "モデルの顔ぶれ（名前・ID・コンテキスト長・状態）", 30),
    VolatilityClass("deprecation", "提供終了・非推奨の日程", 30),
    VolatilityClass("price", "料金", 60),
    VolatilityClass("api-parameter", "APIパラメータとその状態", 90),
    VolatilityClass("concept", "仕組みや用語（変わりにくい事実）", 365),
)}

# The kinds of fact, as the data file's per-vendor lists name them.
MODELS: Final = "models"
PARAMETERS: Final = "parameters"
VALUES: Final = "values"
KINDS: Final = (MODELS, PARAMETERS, VALUES)

MODEL_STATUS: Final = {
    "current": "現行",
    "legacy": "旧世代（利用可）",
    "deprecated": "非推奨（提供終了予定）",
    "retired": "提供終了",
}
PARAMETER_STATUS: Final = {
    "ga": "一般提供",
    "beta": "ベータ",
    "preview": "プレビュー",
    "deprecated": "非推奨",
    "removed": "廃止",
}
STALE_LABEL: Final = "要再確認"
CHECKED_LABEL: Final = "確認日"
