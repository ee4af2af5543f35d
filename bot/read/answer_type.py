"""Answer types: what kind of value a question asks for, and the values of each kind a text holds. Pure.

"How much memory does LoRA save?" wants a percent or a memory size; "which peft version" wants a version; a
candidate that holds no value of the wanted type cannot be the answer, however many words it shares.
"""

from __future__ import annotations

import re

from bot.understand.text import prepare

ValueType = str  # "percent" | "money" | "version" | "bits" | "memory" | "duration" | "count" | "number" | "dtype" | "date" | "ratio" | "name" | ...

VALUE_PATTERNS: dict[ValueType, re.Pattern] = {
    "percent": re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|percent|个百分点|百分点)|百分之[\d一二三四五六七八九十百]+"),
    "money": re.compile(r"[$¥€]\s*\d[\d,.]*(?:\s*(?:k|m|million|billion))?|(?<![\w.])\d[\d,.]*\s*[¥￥$€](?:\s*/\s*(?:h|hr|hour|小时))?|\d[\d,.]*\s*(?:usd|dollars?|美元|元|rmb|万元|欧元)"),
    # "2.5.1", "v0.4", ">= 0.9"; a two-part number only where a version is plainly meant: glued to a library's name
    # ("transformers4.48", not "qwen2.5") or after a bound ("小于4.52的版本", "at least 0.6")
    "version": re.compile(r"(?<![a-z0-9.])v?\d+\.\d+(?:\.\d+)+(?:\.?(?:post|rc|dev)\d+)?(?![a-z0-9.])|(?<![a-z0-9.])\d+\.\d+\.?rc\d+(?![a-z0-9.])|(?<![a-z0-9.])v\d+\.\d+\b|(?:>=|==|~=)\s*\d+\.\d+(?:\.\d+)?|"
                          r"(?<=[a-z]{6})\d+\.\d+(?![\d.]|\s*[a-z%])|(?<=[a-z]=)\d+\.\d+(?![\d.])|(?:小于|低于|大于|高于|不低于|至少|at least|>|<|≥|≤)\s*\d+\.\d+(?![\d.])|"
                          r"(?<![a-z0-9.])\d+\.\d+(?=\s*(?:及以上|以上|或更高|\+|or (?:later|higher|newer))(?!\d))"),
    "bits": re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:-\s*)?(?:bits?|位|比特)\b|\bint[48]\b|\bnf4\b|\bfp4\b|\b(?:4|8|16|32)-?bit"),
    # not the "16" of "bf16 bytes" (a name's digits), but "a100x80gb" is 80gb
    "memory": re.compile(r"(?<![a-wyz0-9.])\d+(?:\.\d+)?\s*(?:gb|gib|mb|mib|tb|tib|g|bytes?|字节)(?![a-z])|"
                         r"(?<![a-wyz0-9.])\d+(?:\.\d+)?\s*(?:g|gb)?\s*显存"),
    "duration": re.compile(r"\d+(?:\.\d+)?\s*(?:-\s*\d+(?:\.\d+)?\s*)?(?:hours?|hrs?|h\b|minutes?|mins?|seconds?|s\b|days?|(?<=\d)d\b(?!\s*-?\s*(?:parallel|并行|print|打印|model|模型|conv|vision|视觉))|weeks?|"
                           r"ms\b|milliseconds?|小时|分钟|毫秒|秒|天|周)|(?<![\d:.])\d{1,3}:\d{2}(?::\d{2})?(?![\d:])"),  # "1:26:59"
    "dtype": re.compile(r"\b(?:nf4|fp4|fp16|bf16|fp32|int8|int4|float16|bfloat16|float32|normalfloat|4-bit normalfloat)\b"),
    "count": re.compile(r"(?<![a-z0-9.])\d[\d,.]*\s*(?:k|m|b|t|million|billion|trillion|万|亿|千)?\s*(?:examples?|samples?|tokens?|params?|parameters?|"
                        r"gpus?|cards?|steps?|epochs?|条|个|张|块|步|轮|参数)|(?<![a-z0-9.])\d+(?:\.\d+)?\s*[mbkt]\b"),
    # a support-matrix verdict: "已支持", "暂不支持", "✅", "not supported", "partial"
    "support": re.compile(r"暂不支持|不支持|已支持|部分支持|未(?:完全)?验证|支持|✅|❌|✔️?|✖️?|✗|☑️?|\b(?:not |un)?supported\b|"
                          r"\bpartial(?:ly)?\b|\byes\b|\bno\b"),
    "ratio": re.compile(r"(?<![a-z0-9.])\d+(?:\.\d+)?\s*(?:(?:x|×)?\s*(?:-|~|to|至|到)\s*\d+(?:\.\d+)?\s*)?(?:x|×|倍)(?![a-z0-9])|"
                        r"[一两二三四五六七八九十半]+倍|(?<![\d:.])\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?(?![\d:])|(?<=\()[x×]\s?\d+(?:\.\d+)?(?![\d.])"),  # "~50:1", "83.7 (x2.06)"
    "date": re.compile(r"(?<!\d)(?:19|20)\d{2}\s*(?:[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{1,2})?|年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)(?!\d)|"
                       r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d{2}\b"),
    # names a reader can recognise but a question never spells out: a file path, a command-line flag, an environment
    # variable (matched on the original casing: LLAMA_ARG_CTX_SIZE, USE_FAST_PDF_PARSER)
    # a proper name written with capitals or digits inside: "LightLLM", "vLLM", "A100", "MPS" (case marks it)
    "name": re.compile(r"(?<![A-Za-z0-9_/.-])(?!(?:GPUs?|CPUs?|APIs?|LLMs?|NLP|AI|ML|README|PDF|JSON|URL|FAQ|OOM|SOTA|TODO|NOTE)\b)"
                       r"(?:[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*|[A-Z]{2,}[A-Za-z0-9]*|[A-Z][a-z]*\d+[A-Za-z0-9]*)(?![A-Za-z0-9_/-])"),
    # a GPU model: "A800", "RTX 4090", "H20", "MI300X", "昇腾910B"
    "gpu": re.compile(r"(?<![a-z0-9])(?:(?:nvidia|geforce|tesla)\s+)?(?:rtx\s?\d{4}(?:\s?ti)?|gtx\s?\d{3,4}|[ahlvtb]\d{2,3}[a-z]?(?:\s?(?:pcie|sxm\d?))?|"
                     r"h20|h800|a800|gb200|mi\d{3}x?|(?:ascend|昇腾)\s?910[a-z]?)(?![a-z0-9])"),
    "path": re.compile(r"(?<![\w.])(?:~|\.{1,2})?/[\w.\-]+(?:/[\w.\-]+)+/?|\b[a-z]:\\[\w\\.\-]+|%[a-z_]+%[\w\\.\-]*"),
    "flag": re.compile(r"(?<![\w/-])--[a-z][\w-]*[a-z0-9](?:[ =](?!-)[\w.:\-]+)?|(?<![\w/-])-[a-z]{1,3}\b(?=\s|,|$)|"
                       r"(?<=\bflag )`?[a-z][\w-]*[a-z0-9]`?|(?<=\bflag `)[a-z][\w-]*[a-z0-9]"),
    # a file by its extension: "save_sharded_state.py", "configs/lora.yaml"
    "file": re.compile(r"(?<![\w.-])[\w./-]*[\w-]\.(?:py|sh|yaml|yml|json|jsonl|toml|ipynb|cfg|ini|bat|ps1|gguf|safetensors|log|txt|csv|jinja|conf|onnx|pth?|bin|whl)\b"),
    "key": re.compile(r"(?<![\w-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),  # a config key: lora_r, max_new_tokens
    "envvar": re.compile(r"(?<![\w])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?:=[\w.:'\-]+)?"),
    # not the size inside a model name ("minicpm3-4b", "qwen2.5-7b"): that names the model, it answers nothing
    "arxiv": re.compile(r"(?<![\d.])\d{4}\.\d{4,5}(?:v\d+)?(?![\d.])"),  # an arXiv id: "2312.08583"
    # what an abbreviation stands for: "edls: short for effective decoding lengths", "全称是 Low-Rank Adaptation"
    "expansion": re.compile(r"\b(?:short for|stands? for|abbreviation (?:of|for))\s*:?\s*[a-z][\w-]*(?: [a-z][\w-]*){1,6}|"
                            r"全称(?:是|为|叫)?\s*[:：]?\s*[a-z][\w-]*(?: [a-z][\w-]*){1,6}", re.IGNORECASE),
    "number": re.compile(r"(?<![a-z0-9.])(?!(?<=[a-z0-9]-)\d+(?:\.\d+)?[bm]\b)(?:\d+(?:\.\d+)?e-?\d+|\d+(?:[.,]\d+)*)(?!\.x\b)"),
}
# question cues -> the types that can answer it (first match wins; order: most specific first)
_WANTS: tuple[tuple[re.Pattern, tuple[ValueType, ...]], ...] = (
    (re.compile(r"(?:啥|什么|哪个词)的?(?:缩写|简称)|缩写(?:是|自)?(?:什么|啥)|全称|\bstands? for\b|\bshort for\b|\babbreviation\b|\bacronym\b"),
     ("expansion",)),
    (re.compile(r"\barxiv\b[^?？,，]{0,12}(?:\bids?\b|\bnumbers?\b|编号|号码|号)|(?:论文|paper)[^?？,，]{0,8}(?:编号|\barxiv id)"), ("arxiv",)),
    (re.compile(r"speed-?ups?\b|\bhow many times\b|\b(?:as a|what) multiple of\b|(?:的)?(?:几|多少)倍(?:于)?|倍数|\btimes faster|\bx faster|加速比|几倍|多少倍|快.{0,3}倍"), ("ratio", "percent")),
    (re.compile(r"(?:什么时候|啥时候|何时|哪一?天|哪一?年|哪个月|几月)\s*(?:发布|推出|上线|开源|发表|更新|出的|出来|放出|公布|release)|截止到?(?:什么|啥)时候|"
                r"发布(?:时间|日期|于)|日期|\bwhen (?:was|were|did)\b|\bwhat date\b|\brelease date|\bwhich (?:year|month|day)\b"),
     ("date",)),
    # "哪个版本", "版本要求", "transformers 版本?"; not "PV 版本 (1bit) ppl 多少" (a variant, asked for its score)
    (re.compile(r"(?:哪个|哪一?|什么|啥|几)\s*(?:[a-z][\w.+-]*\s*)?版本|版本\s*(?:号|是多少|是|多少|要求|需要|至少|最低|范围|为)|版本\s*[?？]?\s*$|"
                r"(?:最低|至少)(?:要|需要|得)?(?:几|哪)(?:个)?版|几点几|"  # "transformers 最低要几版", "cuda 几点几"
                r"\bmin(?:imum)?\s+(?:required\s+)?(?:cuda|python|pytorch|torch|transformers|gcc|driver|cudnn|nccl|triton|node|java)\b"
                r"(?!\s+(?:compute|capability|cores|arch))|"
                r"\b(?:which|what|minimum|min|required|recommended|supported) (?:\w+ )?versions?\b|\bversions? (?:number|do|does|is|are|should|"
                r"required|needed|range|used|to use|pinned)\b|\bversions?\s*\??\s*$|^\W*(?:[\w.-]+ )?versions?\b|\brelease\b"), ("version",)),
    (re.compile(r"支持[^,，。?？]{0,14}吗|是否支持|能否支持|支不支持|\bdoes [\w.-]+(?: [\w.-]+)? support\b|\bis [\w .-]{1,30} supported\b|"
                r"\bsupported\s*\?|\bcan i use [\w .-]{1,30} (?:on|with)\b"), ("support",)),
    (re.compile(r"数据类型|\bdata ?type|\bdtype\b|哪一?种(?:\s*\d+\s*(?:比特|位|bit))?.{0,6}(?:量化|类型|格式)|which (?:4-?bit )?(?:quantization )?(?:format|type)"),
     ("dtype", "bits")),
    (re.compile(r"(?:几|多少)\s*(?:位|比特|bit)|bit[- ]?width|\bhow many bits|\bwhat precision|\bwhich precision|精度"),
     ("bits", "dtype")),
    (re.compile(r"\bhow much more\b|\bhow many times (?:more|as much)\b|多(?:用|占|花|出)了?多少|几倍"), ("ratio", "percent", "memory")),
    # "how big is the tokenizer vocab", "词表多大": a count, not bytes
    (re.compile(r"\bhow (?:big|large)\b[^?]{0,30}\b(?:vocab\w*|context(?: window)?|batch)\b|\b(?:vocab\w*|context window)\b[^?]{0,20}\bhow (?:big|large)\b|"
                r"(?:词表|词汇表|上下文|batch)[^,，。?？]{0,8}多大"), ("count", "number")),
    # "how big is the dataset on disk", "数据集有多大", "权重文件多大": a size in bytes
    (re.compile(r"\bhow (?:big|large)\b(?=[^?]{0,30}\b(?:on disk|dataset|download|files?|checkpoints?|weights|corpus|index)\b)|"
                r"\b(?:dataset|download|file|checkpoint|weights|corpus|index)\b[^?]{0,20}\bhow (?:big|large)\b|\bsize on disk\b|"
                r"\bdisk (?:space|size|usage)\b|(?:数据集|资料集|文件|权重|磁盘|硬盘|存储|体积|语料|下载|索引|压缩后|解压后|压缩包)[^,，。?？]{0,8}多大|"
                r"多大(?:的)?(?:磁盘|硬盘|存储|空间)|(?:磁盘|硬盘|存储)空间|\bhow much (?:disk|storage)\b|多少(?:磁盘|硬盘|存储)"), ("memory",)),
    (re.compile(r"(?:what|which|how much|how many|多少|几)\s*(?:%|％)|百分之|percent|percentage|\bfraction\b|\bproportion\b|\bratio\b|\bshare of\b|占比|\bby how much|提升了?多少|降低了?多少|减少了?多少|节省了?多少|\bhow much (?:\w+ ){0,4}?(?:save|reduc|improv|less|lower|fewer|extra|gain|boost|increase|higher)|"
                r"\baccuracy\b|准确率|比例|胜率|\bwin rate"), ("percent", "ratio", "memory", "number")),
    # "how much faster than Medusa", "比 Medusa 快多少": a speed-up, said "1.6x"
    (re.compile(r"\bhow (?:much|many times) faster\b|\bfaster by how much\b|\bspeed-?up\b|(?<!多)快(?:了)?(?:大概|大约|约)?多少|(?:提速|加速)(?:了)?(?:大概|大约|约)?多少"),
     ("ratio", "percent", "number")),
    (re.compile(r"显存|内存|vram|\bmemory\b|\bram\b|\bgpu memory|\b(?:gpu|peak|max|reserved|allocated) mem\b|\bin (?:gib|gb|mib|mb)\b|\bhow many (?:gib|gb|mib|mb)\b|\bmem per (?:gpu|card|device)\b|多少\s*g\b|多大.{0,4}(?:卡|显卡)|字节|\bbytes?\b"), ("memory", "percent")),
    (re.compile(r"多少钱|多少(?:美元|美金|刀|块|元|人民币)|花(?:了)?多少|\bhow many dollars|价格|费用|成本|\bcost|\bprice|\bhow much (?:does|do|would|will|is) .{0,30}cost|\$"), ("money",)),
    (re.compile(r"多久|多长时间|(?:训练|运行|推理|生成)?时间(?:是|要|大概|大约)?多少|(?:多少|几)(?:个)?(?:小时|分钟|天|毫秒|秒|钟头|星期)|\bhow long\b|\bhow many (?:hours|minutes|days|seconds|ms|milliseconds)|耗时|时长|几天|"
                r"\b(?:how much|what|total|training|train|running|run|wall[- ]?clock|inference|quantization|generation) time\b|"
                r"\btime (?:does|did|will|would) it\b|\btime (?:to|it takes|for|per|of|spent|taken)\b|^time\b"), ("duration",)),
    (re.compile(r"端口|\bports?\b"), ("number",)),
    (re.compile(r"\bscore\b|\bbleu|\brouge|\bnist|\bmeteor|\bcider|\bglue|\bmmlu|\bc-?eval|\bgsm8k|\bhumaneval|得分|分数|成绩|指标|吞吐|速度|\bspeed\b|tokens?/s"),
     ("number",)),
    (re.compile(r"(?:多少|(?<!哪)几)\s*(?:个|条|张|块|步|轮|层|倍)?|\bhow many\b|\bnumber of\b|\bhow much\b|\brank\b|\balpha\b|\blearning rate|学习率|\bbatch"),
     ("count", "number")),
)


# "which lr_scheduler_type should I use", "改哪个参数", "is there an env var": a name is asked for, not an amount
_ASKS_NAME = re.compile(r"\b(?:which|what) (?:[a-z]+_[\w]+|flag|option|argument|arg|parameter|param|setting|env(?:ironment)? ?var(?:iable)?|"
                        r"backend|library|lib|package|framework|tool|command|file|script|notebook|value)s?\b|\bfile\b[^?]{0,40}\b(?:named|called)\b|文件名|\b(?:what|which) (?:do|should|must) (?:i|we|you) (?:put|set|add|write|pass) (?:in|into)\b|(?:用|推荐|要)(?:什么|啥|哪种|哪款)(?:显?卡|gpu)|\b(?:which|what) (?:kind of |type of )?(?:gpus?|graphics cards?|accelerators?)\b(?! (?:memory|mem|vram|count|hours?)\b)|\bis there an? (?:env|flag|option|setting)|"
                        r"^\W*(?:the |a |any )?(?:flag|option|argument|env(?:ironment)? ?var(?:iable)?|setting|parameter|cmake option|script|command)s? (?:to|for|that)\b|"
                        r"(?:哪个|什么|啥|哪些)(?:参数|选项|环境变量|变量|命令|文件|脚本|后端|库|框架|工具|配置)|(?:哪个|什么|啥|哪种)[\u4e00-\u9fff]{1,4}(?:框架|后端|引擎)|"
                        r"(?:参数|选项|环境变量|变量|flag|配置项)(?:名|名字)?(?:叫|是)(?:什么|啥)")
_NAMES: tuple[tuple[re.Pattern, tuple[ValueType, ...]], ...] = (
    (re.compile(r"\b(?:which|what) (?:kind of |type of )?(?:gpus?|graphics cards?|accelerators?)\b|(?:什么|啥|哪种|哪款)(?:显?卡|gpu)"), ("gpu", "name")),
    (re.compile(r"env(?:ironment)? ?var|环境变量|(?:哪个|什么|啥)变量|\bwhich variable|(?<![\w.])\.env\b"), ("envvar",)),
    (re.compile(r"\bscripts?\b|\bnotebooks?\b|脚本|(?:哪个|什么|啥)文件|文件名|\b(?:which|what) file\b|\bfile ?names?\b|\bfile\b[^?]{0,40}\b(?:named|called)\b"), ("file", "path")),
    (re.compile(r"\b(?:flag|option|argument|arg|cli)s?\b|命令行|启动参数|(?:加|传|带|开|用|设)(?:什么|啥|哪个)参数|选项"), ("flag", "envvar", "key")),
    (re.compile(r"参数|\bparam(?:eter)?s?\b|\bsettings?\b|配置|\bconfig\b|\bkey\b"), ("flag", "envvar", "key")),
    (re.compile(r"\b(?:framework|library|lib|backend|engine)s?\b|框架|后端|引擎|(?:哪个|什么|啥)库|(?:什么|啥|哪种|哪款)(?:显?卡|gpu)"), ("name",)),
)
# "where does it store models", "模型存在哪个目录": a place on disk is asked for
_ASKS_PLACE = re.compile(r"\bwhere (?:does|do|is|are|did|will|can)\b[^?]{0,40}\b(?:store|stored|save|saved|kept|keep|put|located|"
                         r"live|cache|cached|download|downloaded|installed|written)\b|\b(?:which|what) (?:directory|folder|path)\b|"
                         r"(?:存|放|装|缓存|下载|保存)(?:在|到)(?:哪|什么)|(?:哪个|什么)(?:目录|路径|文件夹)|路径(?:是|在)")
_SOFT: frozenset[ValueType] = frozenset({"path", "flag", "envvar", "key", "name", "file", "gpu", "expansion"})  # often said in prose: missing them costs less
_AMOUNT = re.compile(r"多少|(?<!哪)几|\bhow (?:many|much|long|fast|big)\b")  # "哪几个" asks which ones, not how many


_MEMORY_ASK = re.compile(r"显存|内存|\bvram\b|\bmemory\b|多大")
_MISSPELT_VERSION = re.compile(r"\b(?:verison|vesion|versoin|verion|vresion|verions)\b")


# "…默认多少，我机器只有24G内存怕不够": memory the asker states in a clause that asks nothing is no memory asked for
_STATED_MEMORY = re.compile(r"\d+(?:\.\d+)?\s*(?:g|gb|gib|t|tb)(?![a-z])\s*(?:的)?\s*(?:显存|内存|vram|memory|ram)?|"
                            r"(?:显存|内存|vram|memory|ram)\s*(?:只有|才|就|有|是|of|:|：)?\s*\d+(?:\.\d+)?\s*(?:g|gb|gib)(?![a-z])")
_CLAUSE = re.compile(r"[^,，。;；?？!！]+")
_ASKS = re.compile(r"多少|几|哪|什么|啥|\b(?:what|which|how)\b|[?？]")


def _without_asides(low: str) -> str:
    """``low`` with the memory stated in clauses that ask nothing blanked (same length)."""
    return _CLAUSE.sub(lambda m: m.group(0) if _ASKS.search(m.group(0))
                       else _STATED_MEMORY.sub(lambda s: " " * len(s.group(0)), m.group(0)), low)


def wanted_types(question: str) -> tuple[ValueType, ...]:
    """The value types that answer ``question``; empty when it asks for no particular kind of value."""
    low = _without_asides(_MISSPELT_VERSION.sub("version", prepare(question)))
    if _ASKS_NAME.search(low) and not _AMOUNT.search(low) and not re.search(r"版本|\bversion", low):
        for pattern, types in _NAMES:
            if pattern.search(low):
                if types == ("name",) and _MEMORY_ASK.search(low):
                    break  # "要多大显存 推荐啥卡": the memory is what is asked
                return types
        else:
            return ()
    if _ASKS_PLACE.search(low):
        return ("path",)
    for pattern, types in _WANTS:
        if pattern.search(low):
            return types
    offered = _OFFERED_NUMBERS.search(low)  # "was it 88 or 90%?": a number of the kind the asker offers
    if offered:
        units = f"{offered.group(1) or ''}{offered.group(2) or ''}"
        return ("percent",) if "%" in units else ("ratio",) if re.search(r"x|倍", units) else ("number",)
    return ()


_OFFERED_NUMBERS = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*(%|x|倍|[km](?![a-z]))?\s*(?:,?\s*or\s+|还是|或者|或是)\s*\d+(?:\.\d+)?\s*(%|x(?![a-z])|倍|[km](?![a-z]))?")


_ENUMERATOR = re.compile(r"^\s*\d{1,2}\\?[.)、](?:\s|(?=[\u4e00-\u9fff]))")  # "2. If you load...", "3\. 注意力": a list item
# a name with a number inside ("chatglm-6b", "models/7b/ggml-model.gguf", "redpajama-data-1t"): the number names, it
# answers nothing
_IN_NAME = re.compile(r"(?<![a-z0-9.])(?:\d{1,3}[x×*])?[a-z][a-z0-9.]*(?:(?:[-/_][a-z0-9.]+)+/?|\([a-z0-9._]+\))")  # "8xa100-80g" too
_NAMED_KINDS = frozenset({"count", "number", "memory", "ratio", "bits"})


def values(text: str, types: tuple[ValueType, ...]) -> list[tuple[ValueType, int, int, str]]:
    """Every value of the given types in ``text`` (prepared), as (type, start, end, text), left to right."""
    low = prepare(text)
    skip = _ENUMERATOR.match(low)
    found = []
    names = [(m.start(), m.end()) for m in _IN_NAME.finditer(low)] if _NAMED_KINDS.intersection(types) else []
    # "[2024/4/14] 完成数据收集": the numbers of a date count nothing
    dates = [(m.start(), m.end()) for m in VALUE_PATTERNS["date"].finditer(low)] if set(types) - {"date"} else []
    for kind in types:
        source = text if kind in ("envvar", "name") and len(text) == len(low) else low  # upper case marks them
        for m in VALUE_PATTERNS[kind].finditer(source):
            if skip and m.start() < skip.end():
                continue
            if kind in _NAMED_KINDS and any(a < m.start() < b and low[m.start() - 1] in "-/_(" for a, b in names):
                continue
            if kind != "date" and any(a <= m.start() < b for a, b in dates):
                continue
            found.append((kind, m.start(), m.end(), text[m.start() : m.end()] if len(text) == len(low) else m.group(0)))
    return sorted(found, key=lambda v: v[1])


def has_type(text: str, types: tuple[ValueType, ...]) -> bool:
    low = prepare(text)
    return any(VALUE_PATTERNS[k].search(text if k in ("envvar", "name") else low) for k in types)


def soft(wanted: tuple[ValueType, ...]) -> bool:
    """Whether every wanted type is a name (path, flag, variable) that prose may give without its usual form."""
    return bool(wanted) and set(wanted) <= _SOFT
