"""A bilingual glossary of the field: expands a query (or passage) with the other language's terms.

The bundled embedder is English-only and BM25 matches exact tokens, so "量化" must also say "quantization"
for either retriever to bridge the two languages.
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.lang import normalize

# (Chinese terms, English terms): every term on one side expands to the first term of the other side.
GLOSSARY: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("微调", "精调", "调优"), ("fine-tuning", "fine-tune", "finetune", "finetuning", "fine tuning")),
    (("全量微调", "全参数微调", "完整微调", "标准微调"), ("full fine-tuning", "full fine-tune", "standard fine-tuning")),
    (("提示工程", "提示词", "提示"), ("prompt engineering", "prompting", "prompt")),
    (("检索增强生成", "检索增强", "检索"), ("retrieval-augmented generation", "rag", "retrieval")),
    (("上下文学习",), ("in-context learning", "icl")),
    (("从零训练", "从头训练", "从零开始训练"), ("training from scratch", "from scratch")),
    (("预训练",), ("pretraining", "pre-training", "pretrain", "pretrained")),
    (("量化", "4位", "4 位", "四位"), ("quantization", "quantized", "quantize", "4-bit", "bit width", "bits")),
    (("显存", "内存"), ("gpu memory", "memory", "vram")),
    (("消费级", "消费级显卡", "消费级 GPU"), ("consumer gpu", "consumer")),
    (("示例", "样本", "例子", "条数据", "标注数据", "训练数据"), ("examples", "samples", "labeled data", "training data")),
    (("数据量", "数据"), ("data",)),
    (("金融",), ("financial", "finance")),
    (("医疗", "医学"), ("medical", "healthcare")),
    (("法律",), ("legal", "law")),
    (("成本", "费用", "花费", "价格", "多少钱"), ("cost", "price", "pricing")),
    (("训练成本",), ("training cost",)),
    (("推理成本", "推理"), ("inference cost", "inference")),
    (("延迟", "响应时间", "时延"), ("latency",)),
    (("准确率", "准确性", "精度"), ("accuracy", "accurate")),
    (("幻觉",), ("hallucination",)),
    (("格式", "输出格式"), ("format", "output format")),
    (("风格", "语气", "品牌声音"), ("style", "tone", "brand voice")),
    (("领域", "专业术语", "术语"), ("domain", "terminology")),
    (("知识更新", "最新知识", "实时"), ("up-to-date knowledge", "latest knowledge", "knowledge updates")),
    (("隐私", "脱敏"), ("privacy", "private", "anonymize", "anonymized", "anonymise", "confidential")),
    (("适配器",), ("adapter", "adapters")),
    (("低秩",), ("low-rank",)),
    (("前缀微调", "提示微调"), ("prefix tuning", "prompt tuning")),
    (("参数",), ("parameters", "weights")),
    (("灵活性",), ("flexibility",)),
    (("复杂性", "复杂度"), ("complexity",)),
    (("工作量",), ("effort",)),
    (("部署",), ("deployment", "deploy")),
    (("预算",), ("budget",)),
    (("小时",), ("hours",)),
    (("数天", "几天"), ("days",)),
    (("数周", "几周"), ("weeks",)),
    (("数月", "几个月"), ("months",)),
    (("蒸馏", "提炼"), ("distillation", "distill")),
    (("思维链",), ("chain of thought", "chain-of-thought")),
    (("多步推理", "推理步骤"), ("multi-step reasoning", "reasoning")),
    (("客服", "客户服务"), ("customer service", "customer support")),
    (("情感分析",), ("sentiment analysis", "sentiment")),
    (("边缘案例", "边缘情况"), ("edge cases",)),
    (("可靠性",), ("reliability",)),
    (("透明度", "可解释"), ("transparency", "interpretability")),
    (("基础模型", "基座模型"), ("foundation model", "base model")),
    (("架构",), ("architecture",)),
    (("向量", "嵌入", "向量存储", "向量数据库"), ("embedding", "vector store", "vector")),
    (("决策树", "决策"), ("decision tree", "decision")),
    (("渐进", "阶段"), ("progressive", "stage")),
    (("持续改进",), ("continuous improvement",)),
    (("调用量", "高并发", "请求量"), ("call volume", "high volume", "requests")),
    (("每个",), ("per",)),
    (("节省", "减少", "降低"), ("saves", "reduce", "lower")),
    (("分类",), ("classification", "classify")),
    (("小样本", "少样本"), ("few-shot",)),
    (("今天", "当天", "马上"), ("today",)),
    (("本周",), ("this week",)),
    (("本季度",), ("this quarter",)),
    (("方法", "方案", "路线"), ("approach", "method")),
    (("结果", "效果"), ("results", "outcome")),
    (("云端", "云GPU", "云 GPU"), ("cloud",)),
    (("训练",), ("training", "train")),
    (("模型",), ("model",)),
    # general engineering terms of the field, so questions and documents in the other language meet
    (("学习率",), ("learning rate", "learning_rate", "lr")),
    (("批大小", "批次大小", "批量大小"), ("batch size", "batch_size")),
    (("梯度累积",), ("gradient accumulation",)),
    (("梯度检查点",), ("gradient checkpointing",)),
    (("梯度",), ("gradient", "gradients")),
    (("优化器",), ("optimizer",)),
    (("轮数", "训练轮数", "轮次"), ("epochs", "epoch", "num_train_epochs")),
    (("步数", "训练步数"), ("steps", "max_steps")),
    (("序列长度", "上下文长度", "最大长度"), ("sequence length", "context length", "max length", "seq length", "seq len", "max_seq_length")),
    (("版本",), ("version", "versions")),
    (("依赖", "依赖项"), ("dependency", "dependencies", "requirements")),
    (("安装",), ("install", "installation")),
    (("镜像", "容器镜像", "docker 镜像"), ("docker image", "image", "container image")),
    (("标签",), ("tag", "tags")),
    (("扩展", "拓展"), ("extension", "extensions")),
    (("计算",), ("compute", "computation")),
    (("端口",), ("port",)),
    (("监听",), ("listen", "listens", "listening")),
    (("服务端", "服务器"), ("server",)),
    (("环境变量",), ("environment variable", "env var")),
    (("堆栈", "调用栈", "错误堆栈"), ("stack", "stack trace")),
    (("参数量", "参数规模"), ("parameter count", "params", "parameters")),
    (("向量维度", "维度", "维数"), ("dimension", "dimensions", "dim")),
    (("平均", "平均分", "均值"), ("average", "avg", "mean")),
    (("代理",), ("proxy",)),
    (("可选值", "取值"), ("possible values", "values")),
    (("硬件", "硬件要求", "硬件需求"), ("hardware", "hardware requirements")),
    (("最低", "至少", "最少"), ("minimum", "at least", "as low as")),
    (("推荐", "建议"), ("recommended", "recommend")),
    (("比特", "位宽"), ("bit", "bits")),
    (("字节",), ("byte", "bytes")),
    (("精度", "数值精度"), ("precision",)),
    (("半精度",), ("half precision", "fp16", "float16")),
    (("数据类型",), ("data type", "dtype")),
    (("数据集",), ("dataset", "datasets")),
    (("速度", "生成速度", "推理速度"), ("speed", "tokens/s", "throughput")),
    (("吞吐量", "吞吐"), ("throughput", "tput")),
    (("首字延迟", "首 token 延迟", "首token延迟", "首token时延", "首字时延", "首包延迟"), ("ttft", "time to first token")),
    (("困惑度",), ("perplexity", "ppl")),
    (("评测", "评估", "测评"), ("evaluation", "benchmark", "eval")),
    (("得分", "分数", "成绩"), ("score", "scores")),
    (("许可证", "开源协议", "协议"), ("license",)),
    (("支持",), ("support", "supported", "supports")),
    (("可训练参数",), ("trainable parameters", "trainable params")),
    (("秩",), ("rank",)),
    (("多卡", "多 GPU", "多GPU"), ("multi-gpu", "multiple gpus")),
    (("单卡",), ("single gpu", "one gpu")),
    (("分布式",), ("distributed",)),
    (("压缩",), ("compress", "compression")),
    (("合并",), ("merge", "merging", "merged")),
    (("加载",), ("load", "loading")),
    (("对话",), ("chat", "conversation")),
    (("指令",), ("instruction", "instructions")),
    (("开源",), ("open source", "open-source")),
    (("论文",), ("paper",)),
    (("实验",), ("experiment", "experiments")),
    (("默认",), ("default",)),
    (("测速", "速度测试", "性能测试"), ("speed benchmark", "speed test")),
    (("百川",), ("baichuan",)),
    (("通义千问", "千问"), ("qwen",)),
    (("智谱", "清言"), ("chatglm", "glm")),
    (("书生", "浦语"), ("internlm",)),
    (("羊驼",), ("llama", "alpaca")),
    (("深度求索",), ("deepseek",)),
    (("上下文窗口", "上下文"), ("context window", "context")),
    (("系列",), ("series", "family")),
    (("cpu 内存", "cpu内存", "系统内存"), ("cpu ram", "ram", "cpu memory", "system memory")),
    (("输入", "输入长度"), ("input", "input length")),
    (("输出", "输出长度"), ("output", "output length")),
    (("长度",), ("length", "len")),
    (("字符",), ("characters", "chars")),
    (("每秒",), ("per second",)),
    (("峰值",), ("peak",)),
    (("时长", "运行时长", "训练时长", "训练时间", "多长时间", "多久"), ("run time", "training time", "how long", "duration")),
    (("加速比", "加速"), ("speedup", "faster")),
    (("节省",), ("saved", "saving", "savings", "less")),
    (("占比", "比例", "百分比"), ("percentage", "proportion", "ratio")),
    (("单轮",), ("single-turn", "single turn")),
    (("主观题", "主观"), ("subjective",)),
    (("客观题", "客观"), ("objective",)),
    (("词表", "词汇表", "词表大小"), ("vocabulary", "vocab", "vocab size")),
    (("预分词",), ("pre-tokenization", "pretokenization", "pretokenized")),
    (("分词器",), ("tokenizer",)),
    (("机型", "实例类型"), ("instance type", "machine type")),
    (("召回率", "召回"), ("recall",)),
    (("权重衰减",), ("weight decay",)),
    (("检查点",), ("checkpoint", "ckpt")),
    (("注意力头", "头数"), ("attention heads", "num heads")),
    (("层数",), ("layers", "num layers", "number of layers")),
    (("隐藏层", "隐层", "隐藏层维度"), ("hidden size", "hidden layer", "hidden dim")),
    (("测试集",), ("test set",)),
    (("验证集", "开发集"), ("dev set", "validation set")),
    (("偏好数据", "偏好"), ("preference", "preferences")),
    (("骁龙",), ("snapdragon",)),
    (("新手", "初学者", "入门"), ("beginner", "beginners", "newcomer")),
    (("专家数", "专家数量", "专家个数", "专家"), ("number of experts", "experts", "expert")),
    (("激活参数", "激活参数量"), ("activated parameters", "active parameters")),
    (("总参数", "总参数量"), ("total parameters",)),
    (("温度",), ("temperature",)),
    (("前向", "前向传播"), ("forward", "fwd", "forward pass")),
    (("反向", "反向传播"), ("backward", "bwd", "backward pass", "backprop")),
    (("稀疏注意力",), ("sparse attention", "sparse attn")),
    (("全注意力", "完整注意力"), ("full attention", "full attn")),
    (("注意力",), ("attention", "attn")),
)


@lru_cache(maxsize=1)
def _index() -> tuple[list[tuple[str, str]], list[tuple[re.Pattern, str]]]:
    zh_terms: list[tuple[str, tuple[str, ...]]] = []
    en_terms: list[tuple[re.Pattern, tuple[str, ...]]] = []
    for zh, en in GLOSSARY:
        # the other language's main term, and this language's main term for a synonym ("多长时间" -> "时长")
        for term in zh:
            zh_terms.append((term, (en[0],) + ((zh[0],) if term != zh[0] else ())))
        for term in en:
            en_terms.append((re.compile(r"(?<![a-z])" + re.escape(term) + r"(?![a-z])"),
                             (zh[0],) + ((en[0],) if term != en[0] else ())))
    zh_terms.sort(key=lambda t: -len(t[0]))
    return zh_terms, en_terms


def translations(text: str, synonyms: bool = False) -> list[str]:
    """The other language's main term for every glossary term found in ``text`` (with ``synonyms``, also the main
    term of a synonym in the same language: "多长时间" -> "run time", "时长"), deduplicated, in order."""
    text = normalize(text).lower()
    zh_terms, en_terms = _index()
    found: list[str] = []
    for term, others in zh_terms:
        if term in text:
            found += [o for o in others[: 2 if synonyms else 1] if o not in found]
    for pattern, others in en_terms:
        if pattern.search(text):
            found += [o for o in others[: 2 if synonyms else 1] if o not in found]
    return found


@lru_cache(maxsize=4096)
def same_meaning(term: str) -> frozenset[str]:
    """Every glossary word, in either language, that says what ``term`` says ("减少" -> "降低", "reduce", ...);
    empty when ``term`` is no glossary word."""
    term = normalize(term).lower()
    found: set[str] = set()
    for zh, en in GLOSSARY:
        if term in zh or term in en:
            found.update(zh + en)
    found.discard(term)
    return frozenset(found)


def expand_query(text: str, synonyms: bool = False) -> str:
    """``text`` followed by the glossary translations of its terms (and same-language synonyms if asked)."""
    extra = translations(text, synonyms)
    return f"{text} {' '.join(extra)}" if extra else text
