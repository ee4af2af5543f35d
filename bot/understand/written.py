"""Word cues for counts of things already written or labelled, which are training examples whatever the things are:
"45 reports typed up", "we've labelled 48,000 requests", "以前写好的稿子有 420 篇". Data only: compiled regexes over
prepared text."""

from __future__ import annotations

import re

# "护工写好的交班报告一千条", "批改好的作文三千篇": written (graded, labelled) outputs are examples, whatever they are
WRITTEN_BEFORE = re.compile(r"(?:配好对的\s*\"[^\"]{1,30}\"\s*(?:有|共|约)?\s*$)|(?:配好对|配对好|配好|对好|当范例|当样本|当例子|当示例|做范例|当模板|写好|批改好|批好|标注好|标好|整理好|审核过|审好|改好|人工写|写过|发过|(?:以前|之前|过去|往年|去年)(?:写|做|整理|发)(?:过|好)?)的[\u4e00-\u9fff、]{1,14}?"
                             r"(?:\([^()]{0,30}\))?(?:有|共|约|大约|大概)?\s*$|"
                             # "按这个格式的报告有九百五十份": outputs already written to the format
                             r"按(?:这个|这种|固定|统一|同一|我们的?)?(?:的)?(?:格式|模板)(?:写)?的[\u4e00-\u9fff]{1,6}?(?:有|共|约|大约|大概)?\s*$")
# "以前的报告有九百份" when reports are what the model will write: past outputs, so examples
PAST_OUTPUT_BEFORE = re.compile(r"(?:以前|之前|过去|往年|去年|历年|往期|旧)的[\u4e00-\u9fff]{0,4}?(?:报告|评语|文案|回复|详情页|总结|反馈|邮件|稿子|稿件|"
                                 r"介绍|点评|说明|通知|公告稿|推文|帖子)(?:有|共|约|大约|大概)?\s*$")
# "we've labelled 48,000 requests": whatever was labelled is a training example
LABELLED_BEFORE = re.compile(r"\b(?:have|'ve|had|we|they|team)\s+(?:hand-?)?(?:labell?ed|annotated|tagged|classified|categori[sz]ed|graded|scored|judged|"
                              r"coded|corrected)\s+(?:about |around |roughly |some |over |nearly |~)?$")
PAST_WRITTEN = re.compile(r"^\s*such\s+(?:[a-z-]+\s+)?(?:reports|notes|summaries|letters|memos|write-ups|recaps|descriptions|obituaries|obits)\b|"  # "2,500 such reports"
                          r"^\s*(?:past|previous|old)\s+(?:[a-z-]+\s+)?(?:reports|notes|summaries|letters|memos|briefings|logs|write-ups)\b|"
                           r"^\s*(?:finished|completed)\s+(?:[a-z-]+\s+)?(?:reports|summaries|letters|memos|write-ups)\b|"
                           # "45 reports typed up", "70-odd old reports worth keeping": outputs already written
                           r"^\s*(?:-?odd\s+)?(?:old\s+|past\s+|finished\s+)?(?:[a-z-]+\s+)?(?:reports|notes|summaries|letters|memos|write-ups)\s+"
                           r"(?:typed up|written up|worth keeping|we(?:'ve| have)? (?:written|kept|saved|typed)|already written)\b|"
                           # "35 reports our old coach wrote": outputs someone already wrote
                           r"^\s*(?:old\s+|past\s+)?(?:[a-z-]+\s+)?(?:reports|notes|summaries|letters|memos|write-ups|recaps|descriptions|obituaries|obits|articles|captions)\s+"
                           r"(?:(?:our|the|his|her|their|my)\s+)?(?:[a-z-]+\s+){0,2}(?:wrote|had written|has written|typed up|drafted|put together|tidied up|cleaned up|edited|polished|rewrote|corrected)\b|"
                           # "350 estimates I've written over the years", "900 of those pages written by our agent": written outputs
                           r"^\s*(?:of (?:those|these|our|the|his|her|their) )?(?:[a-z-]+\s+){0,2}?[a-z-]{3,}s\s+(?:(?:that|which) )?(?:(?:i|we|he|she|they)"
                           r"(?:'ve| have| had|'d)?\s+(?:\w+\s+)?(?:written|wrote|drafted|typed up|composed|authored)|(?:written|drafted|authored|composed) by)\b|"
                           # "~850 of our toji's tasting notes": someone's written notes
                           r"^\s*of (?:our|his|her|their|the) (?:[\w'’-]+\s+){0,2}(?:notes|reports|summaries|letters|memos|write-ups|recaps|descriptions|reviews|captions)\b")
PAST_OUTPUTS = re.compile(r"^\s*(?:past|previous|earlier|prior|old|older)\s+(?:[a-z-]+\s+){0,2}?(?!(?:years|months|weeks|days|hours|gpus|cards|"
                           r"servers|machines|laptops|computers|customers|clients|employees|staff|members|users|people|stores|sites)\b)[a-z]{3,}s\b")
# "200 recipes we consider good examples", "一千二百篇做样例": counted things the asker calls examples
CALLED_EXAMPLES = re.compile(r"^\s*(?:[a-z][\w-]*\s+){1,3}(?:(?:that |which )?(?:i|we)(?:'d| would)?\s+)?(?:call|consider|count as|use as|"
                             r"treat as)\s+(?:good |great |usable |solid |gold )?(?:examples?|samples?)\b|"
                             r"^\s*(?:[a-z][\w-]*\s+){1,3}(?:that|which) (?:are|is|were|would be|could be|make) (?:actually |really |all )?(?:good |great |usable |decent |solid )?(?:examples?|samples?)\b|"
                             r"^\s*(?:[a-z][\w-]*\s+){1,2}(?:that |which )?(?:i|we)(?:'m|'re| am| are)? (?:\w+ )?(?:proud of|happy with)\b|"
                             r"^\s*(?:[a-z][\w-]*\s+){1,3}(?:that are |which are )?(?:actually |really )?worth (?:showing|sharing|keeping|copying|learning from|imitating)\b|"
                             r"^\s*(?:多)?(?:篇|份|条|封|段)(?:[\u4e00-\u9fff]{0,4}?)(?:写得(?:好|不错|很好|漂亮)|满意|优秀)的|"  # "一千五百篇写得好的"
                             r"^\s*(?:多)?(?:篇|份|条|个|段|张|封)?[^,，。;；!?！？\d一二两三四五六七八九十百千万]{0,20}?(?:可以|能|都能|拿来)?(?:做|当|作为|用作|拿来当|拿来做)(?:训练)?(?:样例|样本|范例|示例|例子)")  # "一千二百篇做样例"
# "they asked for 20 short blurbs", "要生成200条商品文案": what is to be produced, not examples already at hand
REQUESTED_BEFORE = re.compile(r"\b(?:asked (?:us |me )?for|asks? (?:us |me )?for|wants?|requested|ordered|commissioned|"
                              r"(?:need|needs|have|has|got) to (?:write|produce|generate|create|draft|make|turn out|churn out)|to (?:write|produce|generate|draft))\s*"
                              r"(?:about |around |roughly |~|another |some )?$|(?:要|得|需要)(?:我|我们|咱们)?(?:再)?(?:生成|写|产出|赶出|出)\s*$")
NAMED_EXAMPLES = re.compile(r"\s*(?:条|个|对)?\s*(?:[\w-]+\s+){0,2}(?:examples?|samples?|pairs|training data|样例|样本|示例|例子|训练数据)")

_OF_THEM = re.compile(r"^\s*of (?:them|those|these)\b")
_WRITES = re.compile(r"\b(?:we|i|they|he|she)\s+(?:\w+\s+)?(?:write|writes|wrote|have written|draft|drafted|compose|composed)\b|"
                     r"\b(?:has|have|had) (?:been )?(?:written|drafted|composed)\b|(?:我们|他|她)[\u4e00-\u9fff]{0,4}(?:写|撰写)")


def written_of_them(text: str, start: int, end: int) -> bool:
    """"we write tasting notes … and have 2,500 of them": a count of the outputs the clause says are written."""
    return bool(_OF_THEM.match(text[end:]) and _WRITES.search(text[:start]))
