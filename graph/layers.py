"""The five layers of the model (the content's backbone)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layer:
    number: int
    name: str
    short: str


LAYERS: dict[int, Layer] = {
    1: Layer(1, "LLM層", "モデルそのもの"),
    2: Layer(2, "通信層", "APIを流れるもの"),
    3: Layer(3, "LLMオーケストレーション層", "LLMと対話するプログラム"),
    4: Layer(4, "外部ツール層", "ツールの実体"),
    5: Layer(5, "UI・運用層", "人が触る画面と運用"),
}
