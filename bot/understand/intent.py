"""What a message asks for: a situation to advise on, a fact, a cost, a meta question, or something off topic.

A scikit-learn classifier decides: TF-IDF over character 1–3-grams (Chinese has no spaces, and n-grams survive
typos and code-switching) joined with English word 1–2-grams, into a multinomial logistic regression, trained on
the labelled messages in ``data/intents.jsonl`` and the questions of the development sets in
``data/intents_users.jsonl`` (weighted by ``USERS_WEIGHT``: many, but of two intents only). The fitted model ships as JSON + npy in ``data/intent_model/``
(``scripts/train_intent.py`` writes it; no pickle) and is rebuilt into scikit-learn objects without fitting; when
the data changed since, it is fitted again on first use. The conversation then adjusts it: a turn that states facts after a situation is a
follow-up to it, and a message that asks for a value ("多少", "which version") is factual, not a situation.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from functools import lru_cache
from pathlib import Path

from bot.understand.text import prepare
from bot.understand.types import INTENTS, Intent

log = logging.getLogger(__name__)
DATA = Path(__file__).parent / "data" / "intents.jsonl"
USERS = Path(__file__).parent / "data" / "intents_users.jsonl"  # questions other people wrote (scripts/train_intent.py)
USERS_WEIGHT = 0.5
MAX_CLASSIFY_CHARS = 2000  # the intent shows in the first paragraphs; longer text only slows the features

# asks for a value: factual even when it names a model size or a GPU
VALUE_ASK = re.compile(
    r"\bhow (?:much|many|long|big|fast|large|often)\b|\bwhat(?:'s|s| is| are| was| were)? (?:the )?(?:\w+ ){0,3}"
    r"(?:percentage|share|fraction|accuracy|score|price|version|bit|size|rank|value|number|count|total|figure|default|name|type|format|"
    r"learning rate|batch size|requirement|range|limit|maximum|minimum|upper end|lower end|memory|vram|speed|difference|command|subcommand|script|flag|option)|\bwhich\s+(?:[\w.-]+\s+){0,2}(?:version|data ?type|"
    r"dtype|model|one of the|quantization|precision|gpu|bit|library|package|optimizer|metric|dataset|license|release|commit|file|framework|port|tag|image|phone|device|chip|card)|\bwhat (?:[\w@./-]+ ){1,2}(?:does|did|do) [\w.-]+ (?:get|score|reach|achieve|hit)\b|\bin (?:their|the|its|that) (?:[\w-]+ ){0,2}table\b|\bwhat (?:is|are|does) [\w-]+(?: [\w-]+)?\??$|\bdefine\b|^\W*explain\b|\b(?:can|could|would) you explain\b|\bplease explain\b|\bexplain (?:what|how|why|the difference)\b|"
    r"多少|几(?!乎|经|何)(?:个|位|比特|种|张|块|条|倍|轮|小时|天|g|gb)?|哪(?:个|一个|一种|种|些|款|版|天|一天|年|一年|个月|类|一类)|几号|几月几|是什么|什么是|什么意思|区别|多大|多久|多快|多长|"
    r"啥(?:数据类型|类型|版本|格式|数据集|参数|意思)|(?:建议|推荐)(?:用|使用|配)?(?:什么|啥|哪款|哪种)(?:显卡|gpu|卡|硬件|配置)|用的啥|是啥|(?:什么|啥)(?:比例|配比|比率|数值|分数|规模|尺寸|命令|脚本|端口|路径|模板|日期|地址)|"
    r"(?:什么|啥)时候[?？]?\s*$|截止到?(?:什么|啥)时候|\b(?:docker )?image (?:tag )?for (?:an? |the )?[\w-]+|镜像(?:tag)?|"
    r"支持[^,，。;；?？]{0,14}吗|是否支持|能否支持|\bdoes (?:it|\w+) support\b|\bsupported\s*\?|\bcan [\w-]+ run on\b|"
    r"\bvalue\s*[?？]|\b(?:on|off|enabled|disabled|set) by default\b|\bvalue (?:of|for)\b|\bwhat do (?:they|the docs|the authors|it) (?:suggest|recommend|say)\b|"
    r"\b(?:which|what) (?:extra |other |additional |cli |command[- ]line )?(?:flag|option|setting|env(?:ironment)? var\w*|parameter|argument|arg)\b|\b(?:which|what) [a-z][a-z0-9]*_[\w]+\b|"
    r"设(?:置)?(?:成)?(?:什么|啥|多少)|填(?:什么|啥|多少)|叫(?:什么|啥)|(?:哪个|什么|啥)(?:参数|环境变量|选项|flag)|"
    r"需要什么|要求是|默认|要求\s*[?？]?\s*$|\bat (?:least|minimum|most)\s*\?|\bper (?:the |its |their )?[\w-]+ (?:readme|docs?|documentation|paper|table|guide)\b"
)
DECISION_ASK = re.compile(
    r"(?<!\bversion )(?<!\bvalue )(?<!_type )(?<!\bflag )(?<!\boption )\bshould (?:i|we)\b(?! (?:pin|set|pass|install|put|add|export))(?!(?: (?:consider|start|think about|bother))? (?:enabl\w*|turn(?:ing)? on|switch(?:ing)? on|activat\w*|increas\w*|lower\w*|raise|rais\w*|reduc\w*|bump\w*|cap|capp\w*)\b)|"
    r"\bwhich (?:approach|method|option|way)\b(?!\s+(?:had|has|got|gets|gave|achieved|achieves|scored|reached|wins|won|was|were|did best)\b|\s+should (?:i|we) (?:turn on|enable|switch on|set|pass|add)\b)|\bwhat (?:approach|method|option|should)\b|\brecommend\w* (?:for )?(?:us|me)\b|"
    r"\badvi[cs]e\b|\brecommendation\b|\boverkill\b|\b(?:a thing|something) (?:i|we) (?:even )?need\b|\bis (?:it|that|this) (?:even |really )?necessary\b|\bwhere (?:do|should) (?:i|we) (?:even )?start\b|\bbest (?:approach|option|way|choice)\b|\bworth (?:it|fine-?tuning)\b|\bmake sense\b|(?<!flag )(?<!option )(?<!parameter )(?<!argument )(?<!setting )\bdo (?:i|we) need\b(?!\s+(?:-|to (?:set|pass|add|enable|install|specify|turn)\b|an? (?:flag|option|parameter)\b))|"
    r"\bor (?:rag|fine-?tun\w*|prompt\w*|lora|qlora|full)\b|应该|该不该|要不要|(?:微调|训练|预训练|fine-?tune|lora)吗|"
    r"(?:微调|rag|lora|qlora|提示|prompt|检索|知识库|全量|全参|从零|预训练|训练)[^,，。;；?？]{0,12}(?<!的)还是|(?<!的)还是[^,，。;；?？]{0,12}"
    r"(?:微调|rag|lora|qlora|提示|prompt|检索|知识库|全量|全参|从零|预训练|训练)|值不值|值得|适合(?:我们|我)|怎么选|选哪|怎么办|建议(?:我们|我)?(?:用|选)(?!哪个(?:模型|版本|显卡|卡|参数)|什么(?:模型|版本|显卡|卡|gpu|硬件|配置|参数))|"
    r"该怎么做|怎么做(?:比较|才|更)?[\u4e00-\u9fff]{0,2}[?？]|还有什么(?:路子|办法|方案)|有(?:什么|没有)(?:路子|办法)|靠谱吗|有没有必要|纠结|犹豫|拿不定|\btorn between\b|\bcan'?t decide\b|\bdeciding between\b|现实吗|行得通吗|能行吗|划算吗|划不划算|能不能做|能做吗|可行吗|行不行|有什么建议|(?:什么|哪种|哪个)方案|(?:属于|走|选)?(?:哪类|哪一类|哪种|哪条|什么)(?:技术)?路线|(?:属于|算)(?:哪类|哪一类|哪种)(?:方法|做法|方案)|(?:哪种|什么|哪个|哪一种)(?:方式|方法|做法|路线)(?:来|去)?(?:训练|微调|做|实现|搞)|\bwhat kind of (?:training|fine-?tuning|approach)\b|怎么搞|如何做|咋办|咋整|怎么弄"
)


MODEL = Path(__file__).parent / "data" / "intent_model"  # the fitted classifier as JSON + npy (see export_model)
PARAMS = {"C": 8.0, "char_ngrams": (1, 3), "word_ngrams": (1, 2), "word_pattern": r"(?u)\b[a-z][a-z0-9'+-]*\b"}


def build():
    """The classifier, unfitted: TF-IDF character n-grams joined with word n-grams, then logistic regression."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    return make_pipeline(FeatureUnion(_vectorizers()), LogisticRegression(C=PARAMS["C"], max_iter=3000,
                                                                         class_weight="balanced"))


def fit(texts: list[str], labels: list[str], weights: list[float] | None = None):
    if weights is None:
        return build().fit(texts, labels)
    import numpy as np

    return build().fit(texts, labels, logisticregression__sample_weight=np.asarray(weights, dtype="float64"))


def _vectorizers():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return [
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=PARAMS["char_ngrams"], sublinear_tf=True,
                                  preprocessor=featurize)),
        ("words", TfidfVectorizer(analyzer="word", ngram_range=PARAMS["word_ngrams"], sublinear_tf=True,
                                  preprocessor=featurize, token_pattern=PARAMS["word_pattern"])),
    ]


def data_hash(paths: tuple[Path, ...] = (DATA, USERS)) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def export_model(model, folder: Path = MODEL) -> None:
    """Write a fitted classifier as JSON (vocabularies, classes) and npy (idf, weights): no pickle."""
    import numpy as np
    import sklearn

    folder.mkdir(parents=True, exist_ok=True)
    union, clf = model.steps[0][1], model.steps[-1][1]
    for name, vec in union.transformer_list:
        vocab = {term: int(i) for term, i in vec.vocabulary_.items()}
        (folder / f"vocab_{name}.json").write_text(json.dumps(vocab, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        np.save(folder / f"idf_{name}.npy", vec.idf_.astype("float64"))
    np.save(folder / "coef.npy", clf.coef_.astype("float64"))
    np.save(folder / "intercept.npy", clf.intercept_.astype("float64"))
    meta = {"classes": [str(c) for c in clf.classes_], "data_sha256": data_hash(), "sklearn": sklearn.__version__}
    (folder / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")


def load_model(folder: Path = MODEL):
    """The exported classifier rebuilt into scikit-learn objects (no fitting); None when it is missing or was
    fitted on other data than the training files hold now."""
    import numpy as np

    meta_file = folder / "meta.json"
    if not meta_file.is_file():
        return None
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    if meta.get("data_sha256") != data_hash():
        log.info("the exported intent classifier is older than its data: fitting it again")
        return None
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    vectorizers = _vectorizers()
    for name, vec in vectorizers:
        vec.vocabulary_ = json.loads((folder / f"vocab_{name}.json").read_text(encoding="utf-8"))
        vec.fixed_vocabulary_ = True
        vec.idf_ = np.load(folder / f"idf_{name}.npy")
    clf = LogisticRegression(C=PARAMS["C"])
    clf.coef_ = np.load(folder / "coef.npy")
    clf.intercept_ = np.load(folder / "intercept.npy")
    clf.classes_ = np.array(meta["classes"])
    return make_pipeline(FeatureUnion(vectorizers), clf)


@lru_cache(maxsize=1)
def _classifier():
    model = load_model()
    if model is None:
        model = fit(*training_data())
        log.debug("intent classifier fitted")
    return model


def featurize(text: str) -> str:
    """The classifier's view of a message: prepared text with every digit run as one symbol."""
    return re.sub(r"\d+(?:[.,]\d+)*", "0", prepare(text))


def training_data() -> tuple[list[str], list[str], list[float]]:
    """Texts, intents and sample weights of everything the classifier learns from."""
    texts, labels = load_data(DATA)
    weights = [1.0] * len(texts)
    if USERS.is_file():
        more, more_labels = load_data(USERS)
        texts, labels, weights = texts + more, labels + more_labels, weights + [USERS_WEIGHT] * len(more)
    return texts, labels, weights


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


# which value to give a tool's setting: a lookup even when it says "should" ("应该设哪个代理变量", "选哪个值")
SETTING_ASK = re.compile(r"(?:设|选|填|用|配|传|加)(?:置|成)?(?:哪个|哪一个|什么|啥)(?:值|变量|环境变量|参数|选项|flag|取值|代理)|"
                         r"哪个[^,，。?？]{0,6}(?:变量|环境变量|参数|选项|取值)|"
                         r"\bwhich (?:value|env(?:ironment)? var\w*|variable|flag|option|setting)\b|"
                         r"\bwhat (?:do|should|must|would) (?:i|we|you) (?:put|set|pass|write|type|enter|fill in|add) (?:in|into|for|as|to|under)\b|"
                         r"\bwhat (?:value|env(?:ironment)? var\w*|variable|flag|option|setting) (?:should|do|must)\b")
PERSONAL = re.compile(r"\b(?:we|i|our|my|us|we're|i'm|we've|i've|we'd|i'd|our team|my team)\b|我们|我|咱们|本公司|我司|团队|公司")
VALUE_NOUN = re.compile(r"\b(?:speed|memory|mem|throughput|latency|score|accuracy|version|license|tokens?/s|tgs|"
                        r"bleu|rouge|mmlu|time|seconds|hours|peak|vram|ppl|perplexity|speed-?ups?|saved|savings?|faster|percent|cost|"
                        r"throughput|tput|latency|val loss|loss|tok/s|tps|tokens per second|ttft|rps|context (?:length|window|size)|"
                        r"max(?:imum)? length|default|port|dimensions?|vocab(?:ulary)?(?: size)?|avg|average|ratio|proportion|temperature|"
                        r"size|count|amount)\b|"
                        r"%|显存|内存|速度|吞吐|版本|分数|得分|耗时|时长|多久|准确率|峰值|加速比|节省|上下文长度|默认|端口|维度|词表|平均分|比例")
# "I think it was around 6-7", "如果我没记错": a hedge about the answer, not the asker's own project
HEDGE = re.compile(r"\b(?:i|we) (?:think|guess|believe|recall|remember|seem to remember)\b|\bif i (?:recall|remember)\b|"
                   r"我(?:记得|印象中|印象里|好像记得)|如果我没记错")
# what the project's own users ask ("客户问保养周期、故障灯什么意思", "drivers ask how many pallets fit") describes the
# project; it is not this message's question
REPORTED = re.compile(r"被(?:问|咨询)(?:爆|疯|烦|到|得)?了?[:：]?[^。;；]{0,80}|(?:客户|用户|顾客|客人|住客|租客|买家|患者|病人|家属|老人|学生|员工|"
                      r"司机|家长|居民|业主|会员|乘客|游客|读者|粉丝|大家|同事|业务员|观众|店主|老板们|听众|考生|旅客)[^,，。;；]{0,6}?(?:问|咨询)"
                      r"(?!我们该|你)[^。;；?？!！]{0,60}|"
                      r"(?:经常|常常|时常|总是|老是|天天|一直|反复|常|老)(?:会|来|打电话|发消息|在[^,，。;；]{1,10}?(?:上|里))?(?:问|咨询|查|打听)(?!题|我们该|你)[^。;；?？!！]{0,60}|"
                      r"[^。;；]{0,80}(?:也|都)要能(?:回)?答|\b(?:customers|users|people|clients|patients|students|staff|employees|drivers|members|"
                      r"guests|visitors|callers|agents)\b (?:\w+ ){0,2}(?:ask|asks|asking|ask about|keep asking)\b[^.;?!]{0,80}")
# a flag, a script or a config key written out: the question is about a tool ("--attn_implementation", "train.sh")
CODE_TOKEN = re.compile(r"(?<![\w-])--[a-z][\w-]+|\b[\w-]+\.(?:py|sh|yaml|yml|json|toml|cfg|ini)\b|\b[a-z]+_[a-z]+(?:_[a-z]+)*\b|"
                        r"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b")
# what the model will do, not what the message asks: "（根据主诉判断挂哪个科）", "predict which department"
TASK = re.compile(r"(?:判断|识别|预测|分类|区分|分辨)(?:出|一下)?[^,，。;；?？()（）]{0,8}?(?:哪个|哪些|哪一?类|什么|多少|几)|"
                  r"\b(?:predict|classify|detect|decide|tell|guess|identify)(?:ing|s)? (?:which|what|how many|how much)\b")
QUOTED = re.compile(r"“[^”]{0,80}”|「[^」]{0,80}」|\"[^\"]{0,80}\"")
# vague amounts are statements, not questions: "没多少钱", "几百份", "十几万条", "买几张卡", "说不好有多少", "how much
# data we'll end up with is still open"; so are needs said not to exist ("不需要什么固定格式", "格式没有要求")
VAGUE_AMOUNT = re.compile(r"\bcan'?t (?:really )?(?:tell|say) (?:you )?how (?:much|many)\b|要看[^,，。;；?？]{0,24}多少|取决于[^,，。;；?？]{0,24}多少|\bdepends? on how (?:much|many)\b|"r"\b(?:don'?t|do not|doesn'?t|does not|won'?t|will not|not sure|unsure|no idea) (?:yet )?(?:know )?how (?:much|many)\b|"
                          r"\b(?:haven'?t|have not|hasn'?t|never|not yet|didn'?t) (?:\w+ )?(?:counted|checked|tallied|figured out|measured|"
                          r"looked at) (?:yet )?how (?:much|many)\b|"
                          r"\bhow (?:much|many)\b[^.;?]{0,60}?\b(?:is|are|remains?) (?:still )?(?:open|unclear|unknown|undecided|tbd|up in the air)\b|"
                          r"(?:说不好|说不准|不好说|不一定|没数|不清楚|不确定|不知道|没统计|未知)[^,，。;；?？]{0,4}多少|"
                          # "用什么硬件还没想好", "not sure yet which GPU": a choice still open, not a question
                          r"(?:什么|哪(?:个|些|种|款|家))[^,，。;；?？]{0,8}?(?:都|也)?(?:还)?(?:没想好|没定|没决定|未定|待定|没选|还在考虑|在考虑)|"
                          r"\b(?:not sure|unsure|undecided|haven'?t decided|have not decided|still deciding|no idea|tbd) (?:yet )?(?:on |about )?(?:which|what)\b|"
                          r"(?:多少|几多)[^,，。;；?？]{0,8}(?:还|也)?(?:未数过|未数|还未|不清楚|不确定|不知道|说不好|说不准|没数|未知|待定|没定|不好说|没统计|没数过|没算过|没清点|没盘点)|"
                          r"不需要什么|没(?:有)?(?:什么)?(?:特别|特殊)?(?:的)?要求|(?:这|那|前|近|最近|过去|头)几(?:年|个月|天|周|个星期|次|回)|"
                          r"不(?:知道|确定|清楚)(?:会)?(?:有)?多少|没(?:有)?(?:什么|多少)|没几|几[十百千万亿]|(?:我们|咱们|他们|你们|这|那)几(?:家|个|位|所|间|人|支|组|条|种|款|样)|[十百千万\d]几|好几|(?:买|租|加|添|弄|借|起|取|想|写|编|出)几(?:张|块|台|个)")
QUESTION_MARK = re.compile(r"[?？]")
# what the documents say, not the asker's own project: "how many cards they say you need", "README 里写的是多少"
DOC_SAYS = re.compile(r"\b(?:they|the (?:docs?|readme|paper|authors?|table|repo|guide|documentation)|it) (?:says?|said|suggests?|"
                      r"recommends?|lists?|claims?|reports?|states?|uses?|used)\b|\baccording to\b|\bper (?:the|their|its) \w+\b|"
                      r"\b(?:in|from) (?:the|their|its) (?:readme|docs?|paper|table|benchmarks?)\b|"
                      r"(?:文档|readme|论文|官方|表格?|他们|作者|仓库)(?:里|上|中)?(?:面)?(?:说|写|给|建议|推荐|列|提到|称)")
# "the cost ratio of gpt-4 to gpt-3.5 turbo in the cheat sheet": a figure to look up, not a job to price
COST_RATIO = re.compile(r"\b(?:cost|price|pricing) ratio\b|\bratio of (?:the )?(?:cost|price)|\bhow many times (?:more expensive|cheaper|"
                        r"the (?:cost|price))\b|(?:价格|成本|费用|价钱)(?:之)?比|贵(?:了)?(?:多少|几)倍|便宜(?:了)?(?:多少|几)倍")
_ASKS_NOW = re.compile(r"[:：]|(?:想|我想|就想)(?:确认|问|了解|核实)一下|\b(?:quick question|i (?:just )?want to (?:know|check|confirm))\b")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？;；…])\s*|\n+")


# "how much RAM do I need?" asks for a value; "do we need to fine-tune?" weighs a decision
_HOW_MUCH_NEED = re.compile(r"\bhow (?:much|many)\b[^.?!;]{0,40}?\bdo (?:i|we|you) need\b")


def decides(low: str) -> re.Match | None:
    """Where ``low`` (prepared text) asks for a decision, if it does."""
    return DECISION_ASK.search(_HOW_MUCH_NEED.sub(" ", low))


def final_question(low: str) -> str:
    """The message's last sentence that asks something (its last sentence when none has a question mark)."""
    parts = [p for p in _SENTENCE_END.split(low) if p.strip()]
    asked = [p for p in parts if QUESTION_MARK.search(p)]
    last = (asked or parts or [""])[-1]
    return _ASKS_NOW.split(last)[-1]  # "评估要不要上 X，想确认一下：…多少?": what follows the colon is asked
META_CUE = re.compile(r"\b(?:hi|hello|hey|thanks?|thank you|who are you|what can you do|how do i use|help)\b|你好|您好|谢谢|"
                      r"你是谁|你能做什么|怎么用|帮助|再见")


def decide_intent(text: str, probs: dict[str, float], stated: int, in_conversation: bool, cost_read: bool,
                  cost_follow_up: bool, relevant: bool = False, facts: int | None = None) -> Intent:
    """The intent from the classifier's ``probs`` and what the turn holds: ``stated`` slot facts, whether a
    situation is already under discussion, whether a cost question was read, and whether the knowledge base or
    the user's documents hold passages about it (``relevant``). ``facts``: stated slots beyond hardware and model
    size (examples, data, needs), which a lookup in the documents does not have."""
    facts = stated if facts is None else facts
    low = prepare(text)
    if cost_follow_up or (cost_read and probs.get("cost", 0) > 0.2 and not COST_RATIO.search(low)):
        return "cost"
    if not cost_read:  # a cost question names what to price; without it, the next best reading
        probs = {k: v for k, v in probs.items() if k != "cost"} or probs
    best = max(probs, key=probs.get)  # type: ignore[arg-type]
    # quoted words ("查“某项业务要准备哪些材料”") are what users will ask later, not this message's question
    asks = VALUE_ASK.search(VAGUE_AMOUNT.sub(" ", REPORTED.sub(" ", TASK.sub(" ", QUOTED.sub(" ", low)))))
    if best in ("situation", "off_topic", "meta") and SETTING_ASK.search(low) and not facts:
        return "factual"  # "应该设哪个代理变量?", "选哪个值": a setting of a tool, not an approach to choose
    if best == "situation" and probs[best] < 0.6 and not facts and CODE_TOKEN.search(text) and not decides(low):
        return "factual"  # "main.py --attn_implementation: is sdpa fine?": a question about a tool's setting
    if best == "situation" and asks and not decides(low) and (stated < 3 or QUESTION_MARK.search(text)):
        if stated <= 1 or not PERSONAL.search(low):  # (three facts and no question asked: a situation described)
            return "factual"
    last = final_question(low)
    asks_value = bool(VALUE_ASK.search(last) and not decides(last) and not VAGUE_AMOUNT.search(last))
    if best == "situation" and asks_value and (not facts or DOC_SAYS.search(last)):
        return "factual"  # "评估要不要上 deepseek……峰值显存大概多少?", "…how many cards they say you need": the question is the last one
    if best == "situation" and asks and not stated and relevant and not in_conversation and probs[best] < 0.6:
        return "factual"  # "avg acc for text2vec in their table? wondering if switching is worth it": no project told
    if best == "situation" and not stated and not in_conversation and not decides(low) \
            and (asks or (relevant and VALUE_NOUN.search(low)) or (VALUE_NOUN.search(low) and "?" in text)):
        return "factual"  # "got a .pth folder, whats the convert subcommand": nothing to advise on, a lookup
    if best == "situation" and relevant and not in_conversation and not decides(low) \
            and not PERSONAL.search(HEDGE.sub(" ", low)) and VALUE_NOUN.search(low) and not facts:
        return "factual"  # "qwen3-32b sglang awq-int4 30720 input speed": a lookup in the documents, no one's project
    if best == "meta" and relevant and len(low) > 12 and not META_CUE.search(low):
        return "factual"
    if best != "situation" and stated and in_conversation and not asks:
        return "situation"  # "what if we only had 50?" after a situation
    if best == "factual" and probs[best] < 0.5 and stated and not asks and not QUESTION_MARK.search(text) and not VALUE_NOUN.search(low) \
            and not SETTING_ASK.search(low) and not CODE_TOKEN.search(text):
        return "situation"  # "no nvidia card here": a fact stated, no value asked for
    if best in ("off_topic", "meta") and stated >= 2 and not asks:
        return "situation"  # "Infra: 32 A100s. Data: 850k pairs. Goal: best accuracy.": a situation, however terse
    if best in ("factual", "off_topic", "meta") and decides(low) and (stated >= 2 or not asks) \
            and not (best == "off_topic" and probs[best] >= 0.8 and not stated) \
            and not (best == "factual" and not facts and asks_value):
        return "situation"  # "should I fine-tune or use prompts?": advice, with a question back for the facts
        # (but "我家猫不吃饭怎么办" asks what to do about something else entirely)
    return best  # type: ignore[return-value]
