"""What a message asks for: a situation to advise on, a fact, a cost, a meta question, or something off topic.

A scikit-learn classifier decides: TF-IDF over character 1–3-grams (Chinese has no spaces, and n-grams survive
typos and code-switching) joined with English word 1–2-grams, into a multinomial logistic regression, trained on
the labelled messages in ``data/intents.jsonl``. It is fitted once per process on first use (under a second;
no pickled model is shipped). The conversation then adjusts it: a turn that states facts after a situation is a
follow-up to it, and a message that asks for a value ("多少", "which version") is factual, not a situation.
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path

from bot.understand.text import prepare
from bot.understand.types import INTENTS, Intent

log = logging.getLogger(__name__)
DATA = Path(__file__).parent / "data" / "intents.jsonl"
MAX_CLASSIFY_CHARS = 2000  # the intent shows in the first paragraphs; longer text only slows the features

# asks for a value: factual even when it names a model size or a GPU
VALUE_ASK = re.compile(
    r"\bhow (?:much|many|long|big|fast|large|often)\b|\bwhat(?:'s| is| are| was| were)? (?:the )?(?:\w+ ){0,3}"
    r"(?:percentage|share|fraction|accuracy|score|price|version|bit|size|rank|value|number|default|name|type|format|"
    r"learning rate|batch size|requirement|memory|vram|speed|difference)|\bwhich\s+(?:[\w.-]+\s+){0,2}(?:version|data ?type|"
    r"dtype|model|one of the|quantization|precision|gpu|bit|library|package|optimizer|metric|dataset|license)|\bwhat (?:is|are|does) [\w-]+(?: [\w-]+)?\??$|\bdefine\b|\bexplain\b|"
    r"多少|几(?:个|位|比特|种|张|块|条|倍|轮|小时|天|g|gb)?|哪(?:个|一个|一种|种|些|款|版)|是什么|什么是|什么意思|区别|多大|多久|多快|多长|"
    r"需要什么|要求是|默认"
)
DECISION_ASK = re.compile(
    r"\bshould (?:i|we)\b|\bwhich (?:approach|method|option|way)\b|\bwhat (?:approach|method|option|should)\b|\brecommend\w* (?:for )?(?:us|me)\b|"
    r"\badvi[cs]e\b|\bbest (?:approach|option|way|choice)\b|\bworth (?:it|fine-?tuning)\b|\bmake sense\b|\bdo (?:i|we) need\b|"
    r"\bor (?:rag|fine-?tun\w*|prompt\w*|lora|qlora|full)\b|应该|该不该|要不要|还是|值不值|值得|适合(?:我们|我)|怎么选|选哪|怎么办|建议(?:我们|我)?(?:用|选)"
)


@lru_cache(maxsize=1)
def _classifier():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    texts, labels = load_data()
    features = FeatureUnion([
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=1,
                                  preprocessor=featurize)),
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, preprocessor=featurize,
                                  token_pattern=r"(?u)\b[a-z][a-z0-9'+-]*\b")),
    ])
    model = make_pipeline(features, LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced"))
    model.fit(texts, labels)
    log.debug("intent classifier fitted on %d messages", len(texts))
    return model


def featurize(text: str) -> str:
    """The classifier's view of a message: prepared text with every digit run as one symbol."""
    return re.sub(r"\d+(?:[.,]\d+)*", "0", prepare(text))


def load_data(path: Path = DATA) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row["intent"] in INTENTS:
                texts.append(row["text"])
                labels.append(row["intent"])
    return texts, labels


def scores(text: str) -> dict[str, float]:
    """Probability of each intent for ``text`` alone."""
    model = _classifier()
    probs = model.predict_proba([text[:MAX_CLASSIFY_CHARS]])[0]
    return {label: float(p) for label, p in zip(model.classes_, probs, strict=True)}


def decide_intent(text: str, probs: dict[str, float], stated: int, in_conversation: bool, cost_read: bool,
                  cost_follow_up: bool) -> Intent:
    """The intent from the classifier's ``probs`` and what the turn holds: ``stated`` slot facts, whether a
    situation is already under discussion, and whether a cost question was read."""
    low = prepare(text)
    if cost_follow_up or (cost_read and probs.get("cost", 0) > 0.2):
        return "cost"
    if not cost_read:  # a cost question names what to price; without it, the next best reading
        probs = {k: v for k, v in probs.items() if k != "cost"} or probs
    best = max(probs, key=probs.get)  # type: ignore[arg-type]
    if best == "situation" and VALUE_ASK.search(low) and not DECISION_ASK.search(low) and stated <= 1:
        return "factual"
    if best != "situation" and stated and in_conversation and not VALUE_ASK.search(low):
        return "situation"  # "what if we only had 50?" after a situation
    if best in ("factual", "off_topic", "meta") and DECISION_ASK.search(low) and (stated >= 2 or not VALUE_ASK.search(low)):
        return "situation"  # "should I fine-tune or use prompts?": advice, with a question back for the facts
    return best  # type: ignore[return-value]
