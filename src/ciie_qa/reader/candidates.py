"""Candidate answer spans of each answer type inside one sentence (offsets within the sentence)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice, pairwise, takewhile

from ciie_qa.dictionary import (
    english_place_names,
    english_words,
    name_kind,
    nationality_words,
    surnames,
)
from ciie_qa.reader.question import (
    EN_CURRENCY_WORDS,
    EN_PERSON_NOUNS,
    ZH_COUNTED_UNITS,
    ZH_MEASURE_WORDS,
    ZH_UNITS,
    AnswerType,
    is_person_word,
)
from ciie_qa.reader.text import CJK, EN_SAYING_VERBS, ZH_SAYING_VERBS, copula_at
from ciie_qa.tokens import tagged, word_index, word_start


@dataclass(frozen=True)
class Candidate:
    """A span of a sentence that could answer a question of some type."""

    start: int
    end: int
    answer_type: AnswerType
    # Edges set by the construction that found it ("to reach new markets" keeps its "to").
    fixed_edges: bool = False


_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_EN_FULL_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
# Part of a year: "the fourth quarter of 2028", "the first half of", "mid-", "the end of", "Q3".
_EN_PART_OF_YEAR = (
    r"(?:(?:the\s+)?(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?:quarter|half)"
    r"\s+of\s+|(?:early|mid|late)[-\s]|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+"
    r"|Q[1-4]\s+|H[12]\s+)"
)
_EN_WEEKDAYS = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_EN_DAY_PART = rf"{_EN_WEEKDAYS}(?:\s+(?:morning|afternoon|evening|night))?"
_EN_DATE = re.compile(
    # A day is one or two digits, not the start of a year: "April 2026" is no "April 20".
    rf"\b{_MONTHS}\s+\d{{1,2}}(?!\d)(?:\s*[-–]\s*\d{{1,2}}(?!\d))?(?:,?\s+\d{{4}})?"
    rf"|\b\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?"
    rf"|(?:\b{_EN_PART_OF_YEAR})?(?:\b{_MONTHS}\s+)?\b(?:19|20)\d{{2}}\b"
    # a month alone after a preposition of time: "signed in January", "until March"
    rf"|(?:(?<=\bin )|(?<=\bsince )|(?<=\buntil )|(?<=\bby )){_EN_FULL_MONTHS}\b"
    # a day of the week, with its hour or part of the day ("2:15 p.m. Sunday", "Friday
    # night"); not one that a date follows ("Tuesday, Nov. 4" is dated by the date), nor one
    # that names a thing of that day ("Wednesday's meeting") or a weekly one ("every Monday")
    rf"|\b\d{{1,2}}(?::\d{{2}})?\s*(?:[ap]\.m\.|[ap]m\b)(?:\s+(?:on\s+)?{_EN_DAY_PART})?"
    rf"|(?<!\bevery )(?<!\beach )(?<!\ba )\b{_EN_DAY_PART}"
    rf"(?:\s+(?:through|to|and|or)\s+{_EN_DAY_PART})?\b(?!,?\s+{_MONTHS}\s+\d|['’]s\b)",
)
EN_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
    r"|fifty|hundred|dozens?|hundreds|thousands"
)
# A currency written after the figure, perhaps with its country ("Swedish kronor").
_EN_CURRENCY_WORD = rf"(?:(?:US|[A-Z][a-z]+)\s+)?(?:{EN_CURRENCY_WORDS})"
_EN_SCALE = (
    r"(?:\s*(?:%|percent|per cent)"
    rf"|\s+(?:billion|million|thousand|trillion)(?:\s+{_EN_CURRENCY_WORD})?)?"
)
_EN_MEASURE = (
    r"(?:(?:\s+(?:(?:square|cubic)\s+(?:meters|metres|kilometers|kilometres|feet|miles)"
    r"|kilograms?|kg|(?:metric\s+)?(?:tons?|tonnes?)"
    r"|hectares?|acres?|km/h|kph|km|kilometers?|kilometres?|miles?|meters|metres"
    rf"|{_EN_CURRENCY_WORD}"
    r"|pounds|feet|foot|inches|hours?|minutes?|seconds|knots|mph"
    # "19 gigawatt-hours" is one unit: the hyphen does not end it
    r"|(?:kilo|mega|giga|tera)?watts?(?:[\s-]hours?)?|[kMGT]Wh?|TEU|gallons?|barrels?"
    r"|(?:milli)?lit(?:er|re)s?|ml|(?:milli|kilo)?grams?|mg|centimet(?:er|re)s?|cm"
    r"|millimet(?:er|re)s?|mm|degrees?(?:\s+(?:Celsius|Fahrenheit))?)\b|\s?°[CF]\b)"
    # a rate: "310 watt-hours per kilogram", "1,400 tonnes a year" (not "a year ago",
    # "a year earlier")
    r"(?:\s+(?:per|an?)\s+(?:kilogram|kg|tonne|ton|hour|day|week|month|year|person|capita"
    r"|litre|liter|gallon|mile|kilomet(?:er|re)|km)\b(?!\s+(?:ago|earlier|before|later|after|on|into|since)\b))?)?"
)
# "nearly 30 percent" is not "30 percent": a hedge before a number belongs to it.
_EN_HEDGE = (
    # Not a bare "over": "spread over 30 countries" is a preposition.
    r"(?:\b(?:nearly|almost|about|around|approximately|roughly|more than|less than"
    r"|fewer than|up to|well over|as (?:many|much|few|little) as|at least|at most)\s+)?"
)
# A currency before the figure: "$", "C$", "US$", "HK$", "€", "£" (a sign, not a word).
EN_CURRENCY_SIGN = r"(?:(?:\b(?:US|C|A|NZ|HK|S|NT|R))?\$|[€£¥])"
_EN_CURRENCY = rf"(?:{EN_CURRENCY_SIGN}\s?)?"
# A figure below zero: "minus 4 degrees", "-4.6°C" (not the hyphen of "COVID-19" or "5-10").
_EN_SIGN = r"(?:\bminus\s+|(?<![\w-])(?<!\d )[-−](?=\d))?"  # not the score "2 -1"
# A bound open at one end belongs to its figure: "aged 80 or over", "18 and under".
# (not "3 hours and older children": a noun after it makes "older" its adjective)
_EN_OPEN_RANGE = (
    r"(?:\s+(?:and|or)\s+(?:older|over|above|under|younger|below)\b"
    r"(?!\s+(?!(?:for|in|at|on|to|from|with|by|of|during|since|and|or|who|were|was|are)\b)"
    r"[a-z]))?"
)
_EN_NUMBER = re.compile(
    rf"{_EN_HEDGE}{_EN_CURRENCY}{_EN_SIGN}\b\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?{_EN_SCALE}"
    rf"{_EN_MEASURE}{_EN_OPEN_RANGE}"
    rf"|{_EN_HEDGE}{_EN_CURRENCY}{_EN_SIGN}\b\d+(?:\.\d+)?(?!st\b|nd\b|rd\b|th\b|\d)"
    rf"{_EN_SCALE}{_EN_MEASURE}{_EN_OPEN_RANGE}"
    rf"|\b(?:{EN_NUMBER_WORDS}|\d+)-(?:day|year|week|month|hour)\b"  # "six-day"
    rf"|\b(?:{EN_NUMBER_WORDS})\b(?!-)(?:\s+(?:percent|billion|million))?",
    re.IGNORECASE,
)
_EN_PERCENT = re.compile(
    rf"{_EN_HEDGE}{_EN_SIGN}\b\d+(?:\.\d+)?\s*(?:%|percent|per cent)", re.IGNORECASE
)
# A share said in words ("about a quarter", "two-thirds", "half", "one in five"), read only in a
# sentence that gives none in figures: "a third term", "the first half" are no shares.
_EN_SHARE_WORDS = re.compile(
    rf"{_EN_HEDGE}\b(?:(?:a|one|two|three)[- ](?:third|quarter|fifth|tenth)s?\b(?! of an?\b)"
    r"|(?<!first )(?<!second )\bhalf\b(?![- ](?:an?|past|year|time|term|century|dozen)\b)"
    r"|(?:one|two|three|four) in (?:three|four|five|six|seven|eight|nine|ten)\b)"
    r"(?!\s+(?:term|consecutive|straight|successive|time|round|year|quarter|place|row)s?\b)",
    re.IGNORECASE,
)
# Small words a name may hold ("Bank of England", "Thursday at Airbus" joins two).
_EN_CONNECTOR_WORDS = "of|for|and|on|de|the|at"
_EN_CONNECTOR = rf"(?:\s+(?:{_EN_CONNECTOR_WORDS})){{0,2}}\s+"
# A number inside a name or closing it: "Gate 9 Hall", "Terminal 3" (not "51.8 percent").
EN_NAME_NUMBER = r"\s+\d{1,3}(?:-\d{1,4})?(?![\d.,:%])(?!\s*(?:percent|per\b))"
_EN_NAME = re.compile(
    rf"\b[A-Z][\w’'.-]*(?:(?:{EN_NAME_NUMBER})?{_EN_CONNECTOR}[A-Z][\w’'.-]*)*"
    rf"(?:{EN_NAME_NUMBER}\b)?",
)
_EN_ORG_WORDS = re.compile(
    r"\b(?:Center|Centre|Department|Forum|Bank|Organi[sz]ation|Association|Ministry|Office"
    r"|Company|Group|Council|University|Commission|Agency|Institute|Committee|Fund"
    r"|Nations|Union|Corporation|Inc|Ltd"
    # company names' own words: "Kestrel Securities", "Hoshino Smelting Co", "Acme Holdings"
    r"|Corp|Co|LLC|PLC|AG|GmbH|Holdings|Securities|Capital|Partners|Industries|Technologies"
    r"|Airlines|Airways|Motors|Pharmaceuticals|Insurance|Resources|Energy|Mining|Logistics"
    # trades and bodies: "Ostrow Civil Engineering", "Harlan Coach Services", "Harbour Trust"
    r"|Engineering|Construction|Contractors|Consultants|Consulting|Services|Solutions"
    # (not words that are surnames too: Steel, Press, Board)
    r"|Foods|Chemicals|Utilities|Railways|Buses|Shipping|Media"
    r"|Trust|Foundation|Society|Federation|Authority|Bureau|Chamber|Cooperative"
    r"|Laboratories|Labs|Therapeutics|Biotech|Enterprises|Ventures|Studios|Alliance)\b"
)
EN_TITLES = re.compile(
    r"\b(?:President|Premier|Prime Minister|Minister|Chairman|Chairwoman|Chair|Director|Secretary"
    r"|Governor|Mayor|Ambassador|Professor|Prof|Dr|Mr|Mrs|Ms|Sir|Dame|King|Queen|Prince"
    r"|Princess|Senator|General|Judge|CEO|Vice|Councillor|Councilor|Councilman|Councilwoman"
    r"|Alderman|Commissioner|Inspector|Superintendent|Detective|Sergeant|Lieutenant|Colonel"
    r"|Captain|Rev|Reverend|Bishop|Archbishop|Rabbi|Imam|Lord|Lady|Baroness|Baron"
    r"|Chief(?:\s+(?:Executive|Financial|Operating|Technology))?(?:\s+Officer)?)\b\.?"
)
_EN_OPENING_MARKS = " \"'“‘(["
# "Lindqvist, who took over …": a word a relative clause of a person follows is a name.
_EN_WHO_CLAUSE = re.compile(r",\s+(?:who|whose)\b")
_EN_SENTENCE_FIRST = frozenset("The A An In On At As For From By With This That These It".split())
# A month or day (with its date: "Nov. 4"; "Last Friday" opening a sentence), and "I", who
# speaks.
_EN_NOT_NAMES = re.compile(
    rf"^(?:(?:(?:Last|Next|This|Early|Late|Mid)\s+)?(?:{_MONTHS}|{_EN_WEEKDAYS})(?:\s+\d+)?|I)$"
)
# A number word counting what follows it opens a sentence after a dateline ("OSLO, May 4 - Six
# months after …"); "Nine won the rights" names a broadcaster.
_EN_COUNTING_WORD = re.compile(
    rf"(?i:{EN_NUMBER_WORDS})(?=\s+(?:[a-z]+s|of|more|hundred|thousand|million)\b)"
)
# A day or month joined to a name by a connector ("Thursday at Airbus"); "Jan Vos" is a name.
_EN_TIME_LEAD = re.compile(
    rf"(?:{_EN_FULL_MONTHS}|{_EN_WEEKDAYS})(?:\s+(?:{_EN_CONNECTOR_WORDS})){{1,2}}\s+(?=[A-Z])"
)
# … and one joined to it after the name ("the Dock Pavilion on Friday").
_EN_TIME_TAIL = re.compile(
    rf"(?:\s+(?:{_EN_CONNECTOR_WORDS})){{1,2}}\s+(?:{_EN_FULL_MONTHS}|{_EN_WEEKDAYS})$"
)
_EN_DATELINE_CREDIT = re.compile(r"\)\s*[-–—]")
# A lower-case ending hyphenated to a name makes an adjective of it: "Oslo-based", "US-made".
_EN_ADJECTIVE_SUFFIX = re.compile(r"-[a-z]+$")

ZH_UNIT = rf"(?:{'|'.join(ZH_UNITS)}|%)"
# A figure in digits takes any unit or measure word after it (``ZH_COUNTED_UNITS`` too).
ZH_DIGITS_UNIT = rf"(?:{ZH_UNIT}|[{ZH_COUNTED_UNITS}])"
# Counted measure words that follow a numeral in no common word ("三门峡", "三轮车" and "九头鸟"
# are names; "两块" may be money).
_ZH_NUMERAL_COUNTED = "部颗枚幅首栋"
# "2小时18分钟", "2小时07分48秒" are one span of time
ZH_MINUTES_AFTER_HOURS = r"(?:(?<=小时)\d+分钟?)?(?:(?<=分)\d+(?:\.\d+)?秒)?"
_ZH_HEDGE = "(?:约|(?<![最接附])近|超过|逾|将近|不到)?"  # as _EN_HEDGE; not the 近 of 最近
# A figure below zero: "零下4.6摄氏度", "负2.3%".
_ZH_SIGN = r"(?:零下|负(?=\d+(?:\.\d+)?(?:%|℃|摄氏度)))?"  # not "负3场" (lost three games)
_ZH_NUMBER = re.compile(
    # Not digits glued to letters ("X5", "A320": model names) nor numerals after 第 (editions).
    # "千" of "千瓦", "千米", "千克" starts a unit, not a multiplier.
    rf"{_ZH_HEDGE}{_ZH_SIGN}(?:(?<![A-Za-z\d.第])\d+分\d+(?:\.\d+)?秒"  # "1分32秒"
    # "2,480户": Chinese news groups thousands with the Latin comma, as English does
    rf"|(?<![A-Za-z\d.第])(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?"
    rf"(?:万|亿|千(?![瓦米克帕])|百(?!帕))?(?:多|余)?"
    rf"{ZH_DIGITS_UNIT}?"
    rf"{ZH_MINUTES_AFTER_HOURS}"
    rf"|(?<![第一二两三四五六七八九十百千万])[一二两三四五六七八九十百千万]+(?:多|余)?{ZH_UNIT}"
    # "三枚", "两部" (not "一部分", "一本正经": "一" alone opens idioms; "两块" may be money)
    rf"|(?<![第一二两三四五六七八九十百千万])(?!一[^一二两三四五六七八九十百千万])"
    rf"[一二两三四五六七八九十百千万]+(?:多|余)?[{_ZH_NUMERAL_COUNTED}](?!分)"
    rf"|[\u2160-\u216b]+{ZH_UNIT})"  # Roman numerals: "Ⅲ级" (a level of emergency response)
)
_ZH_DATE = re.compile(
    r"\d{4}年(?:\d{1,2}月(?:\d{1,2}[日号]|[上中下]旬|底|初)?|第?[一二三四1-4]季度|[上下]半年|底|末"
    r"|初(?!步))?|\d{1,2}月(?:\d{1,2}[日号](?:至\d{1,2}[日号])?|[上中下]旬|底|初(?!步))"
    # the hour of a day: "8月2日6时", "2日22时40分"
    r"(?:(?<=[日号])\d{1,2}时(?:\d{1,2}分)?)?"
    # a day of the week with its part of the day ("周六上午"); not one in brackets after the
    # date it names ("5月11日（星期一）"), nor a weekly one ("每周三至周日")
    # ("上周六" keeps its 上; "周一至周五" is one span; "一周三次" counts weeks, no day)
    r"|(?<![（(每至到一两二三四五六七八九十几\d])(?:[上下本这]个?)?(?:星期|周|礼拜)[一二三四五六日天]"
    r"(?:(?:至|到|-|—)(?:星期|周|礼拜)?[一二三四五六日天])?"
    r"(?:凌晨|早上|上午|中午|下午|傍晚|晚上|晚间|夜间)?(?![次])"
)
_ZH_PERCENT = re.compile(
    rf"{_ZH_HEDGE}{_ZH_SIGN}(?:\d+(?:\.\d+)?%|百分之[\d一二三四五六七八九十]+"
    # a share said in words: "一半", "三成", "三分之一"
    r"|一半|(?<![一二两三四五六七八九十])[一二两三四五六七八九]成(?![功为员立本果绩熟年不])"
    r"|[一二三四五六七八九十]分之[一二三四五六七八九十])"
)
_QUOTED = re.compile(r"“([^”]{1,40})”|「([^」]{1,40})」|《([^》]{1,40})》|\"([^\"]{1,40})\"")
# Names in quotation marks side by side: "分为“山水”“人物”“花鸟”三个展区".
_ZH_QUOTED_LIST = re.compile(r"“[^“”]{1,20}”(?:[、和及与]?“[^“”]{1,20}”)+")
_ZH_SPACED_LIST = re.compile(r"[\u4e00-\u9fff]{2,4}(?:[ \u3000][\u4e00-\u9fff]{2,4}){2,}")
_ZH_LIST = re.compile(
    r"[^，,。；;：:、\s“”‘’「」\"'…]{1,12}(?:、[^，,。；;：:、\s“”‘’「」\"'…]{1,12}){1,}(?:……|等)?"
)
_ZH_CONJUNCTIONS = frozenset("和与及")
# A number and its measure word before a noun phrase: "两台", "三款", "几十家".
ZH_COUNT = re.compile(rf"[\d一二两三四五六七八九十百千万几数多余]+[{ZH_MEASURE_WORDS}]")
# Counted things joined by "和" ("拆除5座仓库和3处码头"): a list though no "、" parts them; the
# second thing ends with its last noun (``_zh_counted_pairs``).
_ZH_COUNTED_PAIR = re.compile(
    rf"{ZH_COUNT.pattern}[\u4e00-\u9fff]{{1,10}}?(?:[{''.join(sorted(_ZH_CONJUNCTIONS))}]|以及)"
    rf"{ZH_COUNT.pattern}[\u4e00-\u9fff]{{1,10}}(?=[，,。；;：:、）)]|$)"
)
_EN_WORD = r"[\w$%.’'-]+"
# Items of up to five words; the last two may share the stretch after the last comma ("A, B,
# loss of appetite and raised liver enzymes").
_EN_LIST = re.compile(
    rf"(?:{_EN_WORD}(?: {_EN_WORD}){{0,4}}, ){{1,}}"
    rf"(?:{_EN_WORD}(?: (?!(?:and|or)\b){_EN_WORD}){{0,4}} (?:and|or) |(?:and|or) )?"
    rf"{_EN_WORD}(?: {_EN_WORD}){{0,4}}"
)
# Clauses after a colon, parted by semicolons: "three conditions: it must …; it must …; and
# it must …" (their own commas are no separators). English only: a Chinese sentence ends at "；".
_SEMICOLON_LIST = re.compile(r"(?<=:)[^;:]+(?:;[^;:]+)+")
# Phrases after a colon, parted by commas, the last after "and" ("three risks: rising sea levels
# along the coast, a lack of trained engineers, and storms in early spring that damaged …"):
# items too long for ``_EN_LIST``; the last ends at a relative clause or a clause of time or cause
# ("… before 9am" stays outside) or at the sentence's end.
_COLON_LIST = re.compile(
    r"(?<=: )[^,;:.]{3,80}(?:, [^,;:.]{3,80}){1,5},? (?:and|or) [^,;:.]{3,80}?"
    r"(?=\s+(?:that|which|who|where|when|after|before|because)\b|[.;]|$)"
)
_POS_TYPES = {"nr": AnswerType.PERSON, "ns": AnswerType.LOCATION, "nt": AnswerType.ORGANIZATION}


def candidates(sentence: str, answer_type: AnswerType, *, chinese: bool) -> list[Candidate]:
    """All spans of ``sentence`` that have the shape of an ``answer_type`` answer."""
    finder = (_ZH_FINDERS if chinese else _EN_FINDERS).get(answer_type)
    if finder is None:
        return []
    return _dedupe(list(finder(sentence)))


def _matches(pattern: re.Pattern[str], text: str, kind: AnswerType) -> Iterator[Candidate]:
    for match in pattern.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        if end > start:
            yield Candidate(start, end, kind)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,，、.;；:：":
        start += 1
    while end > start and text[end - 1] in " ,，、.;；:：":
        end -= 1
    return start, end


def _dedupe(found: list[Candidate]) -> list[Candidate]:
    seen: set[tuple[int, int]] = set()
    unique = []
    for candidate in found:
        if (candidate.start, candidate.end) not in seen:
            seen.add((candidate.start, candidate.end))
            unique.append(candidate)
    return unique


def _en_dates(text: str) -> Iterator[Candidate]:
    """Dates, and days of the week that are no part of a name ("Good Friday", "Super Tuesday",
    "the Sunday Times", "Mayor Ruth Monday"): a capitalised word stands before or after them."""
    for candidate in _matches(_EN_DATE, text, AnswerType.DATE):
        if not _EN_WEEKDAY_FIRST.match(text, candidate.start) or not (
            _EN_CAPITALISED_BEFORE.search(text, 0, candidate.start)
            or _EN_CAPITALISED_AFTER.match(text, candidate.end)
        ):
            yield candidate


_EN_WEEKDAY_FIRST = re.compile(_EN_WEEKDAYS)
# A capitalised word right before a weekday that is not a preposition or a word of time.
_EN_CAPITALISED_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:On|By|Since|Until|Till|From|Through|Last|Next|This|Early|Late|Every|And"
    r"|Or|But|Before|After|Each|Only|Also|Then|Overnight|Midnight|Noon|Starting)\b)"
    r"[A-Z][\w-]*\s+$"
)
_EN_CAPITALISED_AFTER = re.compile(
    r"\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\b)[A-Z]"
)


def _en_numbers(text: str) -> Iterator[Candidate]:
    dates = [(m.start(), m.end()) for m in _EN_DATE.finditer(text)]
    for candidate in _matches(_EN_NUMBER, text, AnswerType.NUMBER):
        # A number that is part of a date answers "when", not "how many" (as does one whose
        # hedge runs into a date: "about 2" of "about 2:15 p.m.").
        if not any(s < candidate.end and candidate.start < e for s, e in dates):
            yield candidate


def _en_names(kind: AnswerType) -> Callable[[str], Iterator[Candidate]]:
    def find(text: str) -> Iterator[Candidate]:
        # The sentence's first word, after an opening quotation mark ("“We are …,” she said").
        opening = len(text) - len(text.lstrip(_EN_OPENING_MARKS))
        for match in _EN_NAME.finditer(text):
            start, end = match.start(), match.end()
            first_word = text[start:end].split()[0]
            if first_word in _EN_SENTENCE_FIRST and " " in text[start:end]:
                start = start + len(first_word) + 1  # "The International Trade Center"
            elif first_word in _EN_SENTENCE_FIRST or (
                start == opening
                and " " not in text[start:end]
                and not (_EN_WHO_CLAUSE.match(text, end) and not _is_common(first_word))
            ):
                continue  # a capital that only marks the start of the sentence
            elif start == 0 and (name_start := _common_plural_lead(text)):
                start = name_start  # "Analysts at Banco Meridiano said": the bank is the name
            start, end = _trim(text, start, end)
            if lead := _EN_TIME_LEAD.match(text, start, end):
                start = lead.end()  # "Thursday at Airbus": the day is no part of the name
            if tail := _EN_TIME_TAIL.search(text, start, end):
                end = tail.start()
            if text[start:end].endswith(("'s", "’s")):
                end -= 2  # "China's" names China
            elif suffix := _EN_ADJECTIVE_SUFFIX.search(text, start, end):
                end = suffix.start()  # "Oslo-based" names Oslo
            if _EN_NOT_NAMES.match(text[start:end]) or text[end : end + 1] in ("/", "$"):
                continue  # a month or day, a credit label ("Photo/Jane Doe"), "C$"
            counting = _EN_COUNTING_WORD.match(text, start)
            if counting is not None and counting.end() == end:
                continue  # "Six months after …": a count, no name
            if _EN_DATELINE_CREDIT.match(text, end) and text[start - 1 : start] == "(":
                continue  # the agency of a dateline: "OSLO, May 4 (Reuters) - …"
            if kind is AnswerType.PERSON and _names_no_person(text, start, end):
                continue
            if kind is AnswerType.PERSON:
                start = _past_inner_title(text, start, end)
            elif kind is AnswerType.LOCATION and _en_person_by_context(text, start, end):
                continue  # "Toledo Mayor Lucía Herrero", "festival director Jan Vos" are people
            if person_of := _person_of_organization(text, start, end):
                # "Jane Roe of Acme Securities": a person, and the firm they are at
                if kind is not AnswerType.LOCATION:
                    yield person_of[0] if kind is AnswerType.PERSON else person_of[1]
                continue
            is_org = _looks_like_organization(text[start:end])
            if (kind is AnswerType.ORGANIZATION) == is_org or kind is AnswerType.LOCATION:
                yield Candidate(start, end, kind)

    return find


# The last word of names of places, events and things ("the Lantern Festival", "the Harbor
# Fair"); many are surnames too ("Jane Hall", "Grace Park"), so only a name after "the" counts.
_EN_THING_HEADS = re.compile(
    r"\b(?:Exhibition|Expo|Fair|Festival|Pavilion|Hall|Zone|Area|Market|Park|Road|Street"
    r"|Square|Bridge|River|Lake|Island|Airport|Station|Port|Museum|Stadium|Tower|Plaza|Garden"
    r"|City|Province|County|District|Region|State|Week|Day|Conference|Summit|Ceremony|Award"
    r"|Prize|Report|Index|Initiative|Agreement|Program|Programme|Project)$"
)
# A single capitalised word ending like a demonym, or a nationality the dictionary knows
# ("Dutch", "Thai"), followed by a lower-case word is an adjective ("Peruvian folk weaving",
# "Dutch utility"), unless that word says it speaks ("Calabrese said").
_EN_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ese|ish|ean)")
_EN_SAYS = rf"(?:{EN_SAYING_VERBS}|asked)\b"
_EN_ADJECTIVE_USE = re.compile(rf" (?!{_EN_SAYS})[a-z]")
_AFTER_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_EN_SPEAKS = re.compile(rf",? {_EN_SAYS}")


def _names_no_person(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    if any(char.isdigit() for char in name):
        return True  # "District 4", "Gate 9 Hall": a person's name has no number
    if _EN_THING_HEADS.search(name) and _AFTER_THE.search(text, max(0, start - 8), start):
        return not EN_TITLES.search(name)
    words = name.split()
    if len(words) > 1 and all(_EN_THING_HEADS.fullmatch(word) for word in words):
        return True  # "City Hall", "Harbor Park": a place even without "the"
    if nationality_adjective(text, start, end):
        return True
    if _EN_SPEAKS.match(text, end):
        return False  # "Toronto said": a person
    # "in Toronto": a name the dictionary knows as a place only; and any name after "in"
    # ("economist at Acme Securities in Glen Harbor") that owns nothing ("in Jane Roe's words").
    after_in = _EN_IN.search(text, max(0, start - 4), start) is not None
    if after_in and not text.startswith(("'s", "’s"), end):
        return True
    # "governor of Tarrow County", "Chief Executive of Acme": the place or body a title is of
    title_of = _EN_TITLE_OF.search(text, max(0, start - 40), start) is not None
    return name in english_place_names() or title_of


def _en_person_by_context(text: str, start: int, end: int) -> bool:
    """A name a title is part of, or a name of two words or more in apposition to what a
    person is ("festival director Jan Vos", "former champion Ida Berg"; "the capital Oslo"
    is one word)."""
    if EN_TITLES.search(text, start, end):
        return True
    if " " not in text[start:end] or text[start:end] in english_place_names():
        return False  # "defending champion South Korea" is a team of a place
    return bool(_EN_ROLE_BEFORE.search(text, max(0, start - 30), start))


_EN_ROLE_BEFORE = re.compile(rf"\b{EN_PERSON_NOUNS}\s+$")
_EN_IN = re.compile(r"\bin\s+$", re.IGNORECASE)
_EN_TITLE_OF = re.compile(rf"{EN_TITLES.pattern}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# A plural noun opening the sentence, joined to a name: "Analysts at", "Residents of the".
_EN_PLURAL_LEAD = re.compile(r"([A-Z][a-z]+)s\s+(?:at|of|for|on)\s+(?:the\s+)?(?=[A-Z])")


def _is_common(word: str) -> bool:
    """A dictionary's common word, singular or plural ("Officials, who …" names no one)."""
    lower = word.lower()
    return lower in english_words() or lower.removesuffix("s") in english_words()


def _common_plural_lead(text: str) -> int:
    """Where the name starts after a common plural noun that opens the sentence (0 if none):
    a dictionary word is no part of the name its capital joins it to."""
    lead = _EN_PLURAL_LEAD.match(text)
    return lead.end() if lead and lead.group(1).lower() in english_words() else 0


def _past_inner_title(text: str, start: int, end: int) -> int:
    """Where the person's name starts in "Toledo Mayor Lucía Herrero" or "Alderman Ruth
    Okafor": after the titles before it (a name of one word keeps its title: "Mr Smith")."""
    titles = list(EN_TITLES.finditer(text, start, end))
    if not titles:
        return start
    after = titles[-1].end()
    name_start = after + len(text[after:end]) - len(text[after:end].lstrip())
    if name_start >= end:
        return start  # "Julie Bishop", "Stephen King": a title word ending a name is a surname
    opens_with_title = titles[0].start() == start
    return start if opens_with_title and len(text[name_start:end].split()) < 2 else name_start


def nationality_adjective(text: str, start: int, end: int) -> bool:
    """ "Chinese calligraphy", "Dutch utility": a nationality said of the noun after it."""
    return is_nationality(text[start:end]) and bool(_EN_ADJECTIVE_USE.match(text, end))


def surname_of(name: str) -> str | None:
    """The last word of a person's name ("Ingrid Halvorsen" -> "Halvorsen"), by which news
    writing names the person after the first mention; None for one word or what looks like an
    organisation, a place or an event ("Nasdaq Stockholm" is no person, but that cannot be
    told; "World Openness Report" can)."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w.isalpha() for w in words):
        return None
    titled = " ".join(w.capitalize() for w in words)
    if _looks_like_organization(titled) or _EN_THING_HEADS.search(titled):
        return None
    return words[-1]


def is_nationality(word: str) -> bool:
    """ "Norwegian", "Dutch", "Thai": a demonym by its ending or a nationality the dictionary
    knows."""
    return bool(_EN_DEMONYM.fullmatch(word)) or word in nationality_words()


def _person_of_organization(text: str, start: int, end: int) -> tuple[Candidate, Candidate] | None:
    """The person and the organisation of "Jane Roe of Acme Securities": a name of two
    or three words, "of", and a name that looks like an organisation ("Bank of America" and
    "Central Bank of Estravia" are one organisation)."""
    of = text.find(" of ", start, end)
    if of < 0:
        return None
    person, organization = text[start:of], text[of + 4 : end]
    if not 2 <= len(person.split()) <= 3 or _looks_like_organization(person):
        return None
    if not _looks_like_organization(organization) or " of " in organization:
        return None
    return (
        Candidate(start, of, AnswerType.PERSON),
        Candidate(of + 4, end, AnswerType.ORGANIZATION),
    )


def _looks_like_organization(name: str) -> bool:
    """An organisation word, an acronym, connectors ("of", "and") or four and more capitalised
    words; a person's name is one to three capitalised words, perhaps after a title."""
    words = name.split()
    if EN_TITLES.search(name):
        return False
    has_connector = any(w in ("of", "and", "for", "the") for w in words)
    acronym = len(words) == 1 and name.isupper() and len(name) > 1
    return bool(_EN_ORG_WORDS.search(name)) or has_connector or acronym or len(words) > 3


_EN_PREDICATE_ON = re.compile(
    r"(?:,\s+(?!(?:and|but|or|while|which|who|where|when|as|although|because)\b)"
    # not an attribution ("…, officials said on Monday")
    rf"(?![^,.;]*\b(?:{EN_SAYING_VERBS})\b)[a-z][^,.;]{{3,160}})+"
    r"(?=,\s+(?:and|but|while|which|who)\b|[.;]|$)"
)


def _en_definition(text: str) -> Iterator[Candidate]:
    # Apposition and predicate: "Jane Roe, former head of ..., noted" / "X is the first ...".
    for match in re.finditer(r",\s+([^,]{8,160}?)(?:,|$)", text):
        yield Candidate(match.start(1), match.end(1), AnswerType.DEFINITION)
    for match in re.finditer(r"\b(?:is|was|are|were|as)\s+((?:a|an|the)\s+[^,.;]{4,160})", text):
        yield Candidate(match.start(1), match.end(1), AnswerType.DEFINITION)
        # "is a temporary, limited exemption …, and …": the comma between adjectives is inside
        # the predicate, which runs on to the clause that follows
        whole = _EN_PREDICATE_ON.match(text, match.end(1))
        if whole is not None:
            yield Candidate(match.start(1), whole.end(), AnswerType.DEFINITION)


# A clause runs to the next punctuation mark, but not to the comma or point inside a number
# ("1,250", "$12.5").
_CLAUSE_PIECE = re.compile(r"(?:[^,，;；:：。.!?！？]|(?<=\d)[,.](?=\d))+")


def _clauses(kind: AnswerType) -> Callable[[str], Iterator[Candidate]]:
    def find(text: str) -> Iterator[Candidate]:
        yield from _quoted(text, kind)
        for match in _CLAUSE_PIECE.finditer(text):
            start, end = _trim(text, match.start(), match.end())
            if end - start >= 2:
                yield Candidate(start, end, kind)

    return find


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where each term in quotation marks or title marks stands, without its marks."""
    return [
        match.span(next(i for i in range(1, 5) if match.group(i) is not None))
        for match in _QUOTED.finditer(text)
    ]


def _quoted(text: str, kind: AnswerType) -> Iterator[Candidate]:
    """Names in quotation marks; a quoted sentence ("“今年的议题更加多元。”") names nothing."""
    for match in _QUOTED.finditer(text):
        group = next(i for i in range(1, 5) if match.group(i) is not None)
        quoted = match.group(group)
        if kind in NAMED_TYPES and _CLAUSES_QUOTED.search(quoted):
            continue  # "“活动很成功，大家都很满意”" is said, by no person, body or place
        if group == _TITLE_GROUP or not _SAID_SENTENCE.search(quoted):
            yield Candidate(match.start(group), match.end(group), kind)


NAMED_TYPES = frozenset({AnswerType.PERSON, AnswerType.ORGANIZATION, AnswerType.LOCATION})
# (a short name may hold a comma: "“爱心，传递”")
_CLAUSES_QUOTED = re.compile(r"^(?=.{11,})[^，；;]*(?:[，；;]|, )")


_TITLE_GROUP = 3  # 《…》 in ``_QUOTED``: a title may end in "！" or "？"
_SAID_SENTENCE = re.compile(r"[。！？!?]")  # a slogan may hold a comma ("在中国,切入新赛道")


def _zh_numbers(text: str) -> Iterator[Candidate]:
    dates = [(m.start(), m.end()) for m in _ZH_DATE.finditer(text)]
    for candidate in _matches(_ZH_NUMBER, text, AnswerType.NUMBER):
        if not any(s <= candidate.start and candidate.end <= e for s, e in dates):
            yield candidate


def _is_other_name(flag: str, word: str) -> bool:
    """A proper noun of no known kind ("nz") or a Latin-script word, of two characters or more,
    but not a model code of letters and digits ("G1", "E20"): it names a product, not who or
    where."""
    return flag in ("nz", "eng") and len(word) > 1 and not _MODEL_CODE.fullmatch(word)


_MODEL_CODE = re.compile(r"(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9-]+")


@lru_cache(maxsize=4096)  # every question reads the same sentences again
def _tagged_names(text: str) -> tuple[tuple[int, int, str], ...]:
    """jieba's words and tags, a name's kind corrected by its dictionary glosses: jieba takes
    "欧莱雅" (L'Oréal) for a person and "杜塞尔多夫" (Düsseldorf) for a person's name."""
    return tuple(
        (start, end, name_kind(text[start:end], flag) if flag[:2] in _POS_TYPES else flag)
        for start, end, flag in tagged(text)
    )


def _zh_entities(kind: AnswerType) -> Callable[[str], Iterator[Candidate]]:
    def find(text: str) -> Iterator[Candidate]:
        for quoted in _quoted(text, kind):
            if kind is not AnswerType.PERSON or _person_quoted(text, quoted):
                yield quoted
        previous: Candidate | None = None
        # where a one-character surname jieba split off its name starts (none yet: a name
        # opening the text has no surname before it)
        surname_at: int | None = None
        # "厅长郑建华" (jieba: 郑 + 建华): the name after the role is whole, not its end alone
        after_roles = list(_names_after_roles(text)) if kind is AnswerType.PERSON else []
        dotted = _dotted_names(text) if kind is AnswerType.PERSON else []
        after_roles += dotted
        name_ends = {name.end: name.start for name in after_roles}
        name_starts = {name.start: name.end for name in after_roles}
        for start, position, flag in _tagged_names(text):
            if name_ends.get(position, start) < start or name_starts.get(start, 0) > position:
                continue  # "建华" of "郑建华", "陈梓" of "陈梓涵"
            if any(name.start <= start and position <= name.end for name in dotted):
                continue  # "特朗普" of "唐纳德·特朗普"
            tagged_kind = _POS_TYPES.get(flag[:2]) is kind
            if tagged_kind or _is_other_name(flag, text[start:position]):
                if kind is AnswerType.PERSON and position - start < 2:
                    surname_at = start
                    continue  # "临江侯": one character tagged as a person is a title, no name
                if kind is AnswerType.PERSON and surname_at == start - 1:
                    start = surname_at  # "周" + "海涛": one name
                elif (
                    kind is AnswerType.PERSON
                    and not tagged_kind
                    and not _shaped_as_a_person(text[start:position])
                ):
                    continue  # "防浪固堤林" (jieba: a proper noun) is no one's name
                current = Candidate(start, position, kind)
                yield current
                if previous is not None and previous.end == start:
                    # "意大利" + "米兰": a country and its city name one place.
                    yield Candidate(previous.start, position, kind)
                previous = current
        if kind is AnswerType.LOCATION:
            yield from _towns_named_as_people(text)
        yield from after_roles

    return find


# A foreign name written in Chinese joins its parts with a middle dot ("阿贝贝·泰苏"), which
# jieba cuts into pieces that are no names of their own. Its parts are written with the
# characters Chinese keeps for sounds of foreign names.
_NAME_DOT = "·•‧・"
_SOUNDS = (
    "阿埃艾安昂奥巴拜班邦保鲍贝本比彼毕波伯博布查达戴丹道德登迪蒂丁东杜多厄恩法范菲费芬丰"
    "弗福伏盖甘冈高戈格贡古瓜圭哈海汉豪赫亨胡华霍基吉加贾杰捷金卡凯坎康考柯科克肯库夸奎拉"
    "莱兰朗劳勒雷蕾黎里利莉连林琳留卢鲁伦罗洛马玛迈麦曼芒梅蒙米敏莫姆穆纳娜奈南内尼妮涅纽"
    "努诺欧帕潘佩蓬皮珀普齐奇恰乔切钦琼丘屈让热瑞若萨塞赛桑瑟森沙莎尚舍申什施史舒斯松苏索"
    "塔泰坦汤唐特提图托瓦旺威韦维温沃乌西希谢辛休雅亚扬耶伊因尤约泽扎詹兹佐茨列夫尔龙"
)
_DOTTED_NAME = re.compile(rf"[{_SOUNDS}]{{1,8}}(?:[{_NAME_DOT}][{_SOUNDS}]{{1,8}})+")


def _dotted_names(text: str) -> list[Candidate]:
    """Dotted foreign names, whole: the characters of foreign sounds on each side of the dots,
    short of a word that runs past them ("凯恩" of "凯恩加盟", not its "加"); each part two
    characters at least, and no place first."""
    names = []
    for found in _DOTTED_NAME.finditer(text):
        start, end = found.span()
        for word_begin, word_end, _flag in tagged(text):
            if word_begin < start < word_end:
                start = word_end
            if word_begin < end < word_end:
                end = word_begin
        parts = re.split(rf"[{_NAME_DOT}]", text[start:end])
        if len(parts) > 1 and min(map(len, parts)) >= 2 and not _opens_with_a_place(text, start):
            names.append(Candidate(start, end, AnswerType.PERSON))
    return names


def _opens_with_a_place(text: str, start: int) -> bool:
    """Whether the word at ``start`` is a place ("新西兰·奥克兰" names a city, no person)."""
    return any(
        begin == start and flag.startswith("ns") for begin, _end, flag in _tagged_names(text)
    )


def _person_quoted(text: str, quoted: Candidate) -> bool:
    """A quoted name is a person's when shaped as one or called a stage name or a nickname
    ("艺名为“小云雀”的歌手")."""
    before = text[max(0, quoted.start - 6) : quoted.start]
    name = text[quoted.start : quoted.end]
    return _shaped_as_a_person(name) or _NICKNAME.search(before) is not None


_NICKNAME = re.compile(r"艺名|昵称|网名|外号|绰号|笔名|小名|化名")


def _shaped_as_a_person(name: str) -> bool:
    """Whether a name not tagged as a person's could be one: a Chinese name is a known surname
    and one to three characters; a foreign one is transliterated with "·" or written in Latin
    letters."""
    if "·" in name or "•" in name or not CJK.match(name):
        return True
    return 2 <= len(name) <= 4 and name[0] in surnames()


_SAYS = frozenset(verb for verb in ZH_SAYING_VERBS.split("|") if len(verb) == 1)  # 说, 称


def _names_after_roles(text: str) -> Iterator[Candidate]:
    """A name jieba does not see, right after a role and before a verb: "世界冠军方子墨点燃…"
    (jieba: 方子 + 墨). Two or three characters, the first a surname the dictionary knows."""
    words = tagged(text)
    ends = {end for _, end, _ in words}
    for i, ((role_start, role_end, role_flag), (start, _, _)) in enumerate(pairwise(words)):
        if not (role_flag.startswith("n") and is_person_word(text[role_start:role_end])):
            continue
        if start != role_end or text[start] not in surnames():
            continue
        after = next(
            (w[0] for w in words[i + 1 :] if w[0] >= start + 2 and _ends_a_name(w[2])), None
        )
        if after == start + 2 and text[after + 1 : after + 2] in _SAYS and after + 2 in ends:
            after += 1  # "陈梓/涵说": jieba glued the name's last character to "说"
        if after is not None and after - start in (2, 3) and all(map(CJK.match, text[start:after])):
            yield Candidate(start, after, AnswerType.PERSON)


def _ends_a_name(flag: str) -> bool:
    """A verb, a particle, a preposition, a conjunction or punctuation: no part of a name."""
    return flag[:1] in ("v", "u", "p", "c", "x")


def _towns_named_as_people(text: str) -> Iterator[Candidate]:
    """A place and a foreign town jieba takes for a person's name ("智利" + "瓦尔帕莱索",
    "法国" + "拉罗" + "谢尔"): after a place name, a transliterated name (jieba's "nrt", not a
    Chinese person's "nr": "嘉兴李明" is a place and a person) is the town in it."""
    words = _tagged_names(text)
    for i, (start, _, flag) in enumerate(words):
        if not flag.startswith("ns") or i + 1 == len(words) or words[i + 1][2] != "nrt":
            continue
        town = list(takewhile(lambda word: word[2] in _NAME_TAGS, words[i + 1 :]))
        if town:
            yield Candidate(start, town[-1][1], AnswerType.LOCATION)


# Words that end a company's name after its brand ("某某科技", "某某医疗"): jieba tags the
# brand as a person or place and the tail as a common noun, so the name is never one word.
_ZH_COMPANY_TAILS = frozenset(
    "科技 医疗 集团 公司 银行 汽车 电子 股份 控股 制药 能源 电气 食品 化工 航空 物流 智能".split()
)
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "nz"})
# jieba tags of proper names: people, places, organisations, other names, Latin words.
ZH_PROPER_TAGS = frozenset({"nr", "nrt", "nz", "ns", "nt", "eng"})


def _zh_brands(text: str) -> Iterator[Candidate]:
    """A brand followed by an industry word: "某某科技" as one organization name."""
    for (start, _, flag), (tail_start, end, _) in pairwise(_tagged_names(text)):
        if flag in ZH_PROPER_TAGS and text[tail_start:end] in _ZH_COMPANY_TAILS:
            yield Candidate(start, end, AnswerType.ORGANIZATION)


# Tags of the words a company's registered name is made of: nouns of every kind (a brand
# jieba cuts into single characters is "n" + "ng"), abbreviations, modifiers ("国有") and Latin.
_COMPANY_NAME_TAGS = frozenset("n ng nz ns nr nrt nrfg nt vn j b eng".split())
_COMPANY_NAME_WORDS = 8
_NAME_AFTER_TAGS = ZH_PROPER_TAGS | {"j"}  # and abbreviations: "国有公司" + "城投" + "集团"
_DIVISIONS = frozenset("省市县区镇乡村")  # jieba tags "县" of "松岭县" as it likes ("zg")


# Nouns of a trade, and verbs of a trade before them in a company's name ("环境检测技术",
# "智能制造装备"): the verb is the line of business, not an action of the sentence ("收购").
_TRADE_NOUNS = frozenset("工程 技术 设备 装备 服务 材料 管理 咨询 科技 系统 用品 器械".split())
_TRADE_VERBS = frozenset(
    "修复 检测 监测 制造 开发 建设 设计 施工 研发 生产 加工 维修 运营 养护 治理 安装 规划".split()
)


def _zh_organizations(text: str) -> Iterator[Candidate]:
    """Names of organisations, but not a part of a company's registered name ("华信" or "工程
    有限公司" of "华信工程有限公司"): the whole name is the one the sentence gives."""
    registered = list(_zh_registered_companies(text, _tagged_names(text)))
    found = chain(
        _zh_entities(AnswerType.ORGANIZATION)(text),
        _zh_brands(text),
        registered,
        _zh_institutions(text),
    )
    for cand in found:
        if not any(
            name.start <= cand.start and cand.end <= name.end and name != cand
            for name in registered
        ):
            yield cand


def _in_company_name(text: str, word: tuple[int, int, str]) -> bool:
    start, end, flag = word
    return flag in _COMPANY_NAME_TAGS or text[start:end] in _DIVISIONS


def _name_run(text: str, preceding: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The words of a company's name before its tail, read backwards: nouns, and a verb of a
    trade right before a trade noun."""
    run: list[tuple[int, int, str]] = []
    for word in preceding:
        start, end, _ = word
        trade_verb = text[start:end] in _TRADE_VERBS and bool(run)
        if trade_verb and text[run[-1][0] : run[-1][1]] not in _TRADE_NOUNS:
            trade_verb = False
        if not (_in_company_name(text, word) or trade_verb):
            break
        run.append(word)
    while run and run[-1][2] == "v":
        run.pop()  # a name opens with no verb
    return run


def _zh_registered_companies(
    text: str, words: Sequence[tuple[int, int, str]]
) -> Iterator[Candidate]:
    """The run of nouns that ends in a word for a company ("有限公司", "服务公司"), as one
    name: "云杉科技有限公司", "松岭县青溪园林绿化工程公司". jieba tags a made-up brand as common
    nouns, so neither the brand rule nor an institution's word finds it. "一家物流公司" has
    no noun before the tail, and a name needs two words before it unless the tail is a
    registered form (有限公司, 股份公司)."""
    for i, (tail_start, end, _) in enumerate(words):
        tail = text[tail_start:end]
        described = i + 1 < len(words) and words[i + 1][2] in _NAME_AFTER_TAGS
        if not tail.endswith("公司") or described:
            continue  # (and "国有公司城投集团": the word describes the name after it)
        preceding = reversed(words[max(0, i - _COMPANY_NAME_WORDS) : i])
        before = _name_run(text, preceding)
        registered = len(tail) >= 4  # "有限公司", "股份公司": only a name has that form
        if len(before) >= (1 if registered else 2):
            yield Candidate(before[-1][0], end, AnswerType.ORGANIZATION)


# Last characters of words that name an institution: 研究所, 研究院, 文物局, 博物馆, 协会 …
_INSTITUTION_ENDINGS = frozenset("所院局馆会部委厅署办司")
_INSTITUTION_WORDS = 4  # "河南省" + "文物" + "考古" + "研究院"


def _zh_institutions(text: str) -> Iterator[Candidate]:
    """An organisation or a place followed by nouns up to an institution's word, as one name:
    "中国社会科学院" + "考古研究所", "河南省" + "文物考古研究院" (jieba tags only the first)."""
    words = _tagged_names(text)
    for i, (start, head_end, flag) in enumerate(words):
        # A place jieba tags as a common noun ("信阳" + "博物馆") heads a name when it opens
        # a run of nouns; after another noun it is a modifier inside a longer name.
        opens_run = flag == "n" and head_end - start >= 2 and (i == 0 or words[i - 1][2][0] != "n")
        if flag not in ("nt", "ns") and not opens_run:
            continue
        following = takewhile(lambda word: word[2] in ("n", "vn", "nz"), words[i + 1 :])
        for last_start, end, _ in islice(following, _INSTITUTION_WORDS - 1):
            if _names_an_institution(text[last_start:end]):
                yield Candidate(start, end, AnswerType.ORGANIZATION)


# Common words with an institution's last character that name none ("社会", "内部", "格局").
_NOT_INSTITUTIONS = frozenset(
    "社会 机会 体会 聚会 宴会 晚会 舞会 全部 内部 外部 局部 格局 布局 结局 场所 住所 厕所".split()
)


def _names_an_institution(word: str) -> bool:
    if word in _NOT_INSTITUTIONS:
        return False
    return len(word) >= 2 and (word[-1] in _INSTITUTION_ENDINGS or word.endswith("中心"))


_ZH_LOCATIVE = frozenset("在 于 赴 到".split())
_BRACKETED = re.compile(r"[(（][^()（）]{1,10}[)）]")


def _zh_places(text: str) -> Iterator[Candidate]:
    """The noun phrase after a locative preposition, with a place in brackets after it
    ("在滨江体育馆(杭州)比赛" -> "滨江体育馆(杭州)"): a venue jieba does not tag as a place."""
    words = _tagged_names(text)
    for i, (start, end, flag) in enumerate(words):
        if not _is_locative(text[start:end], flag):
            continue
        run = list(takewhile(lambda word: _in_place_name(word[2]), words[i + 1 :]))
        while run and run[-1][2] in ("m", "b"):  # a number or a modifier ends no place name
            run.pop()
        if not run or not _names_a_place(text[run[-1][0] : run[-1][1]], run[-1][2]):
            continue  # "送到顾客手中": a noun after 到 need not be a place
        stop = run[-1][1]
        bracket = _BRACKETED.match(text, stop)
        yield Candidate(run[0][0], bracket.end() if bracket else stop, AnswerType.LOCATION)


# One character of time: jieba joins it to the preposition after it ("12日晚在" -> "晚在").
_TIME_CHARACTERS = frozenset("晚早午夜日天")


def _is_locative(word: str, flag: str) -> bool:
    """在, 于 …, or such a preposition jieba has joined to a time word ("晚在", "日于")."""
    return word in _ZH_LOCATIVE or (
        flag == "t" and len(word) == 2 and word[0] in _TIME_CHARACTERS and word[1] in _ZH_LOCATIVE
    )


def _in_place_name(flag: str) -> bool:
    """A noun, or a modifier inside a venue's name ("体育中心主体育场": 主 is tagged b)."""
    return _is_noun(flag) or flag == "b"


# Last characters of words that name a place or a building: "中心", "展馆", "园区", "车站".
_PLACE_ENDINGS = frozenset("馆区场园厅宫城港站市省县州国岛湾村镇路街楼厦")


def _names_a_place(word: str, flag: str) -> bool:
    return flag == "ns" or word[-1] in _PLACE_ENDINGS or word.endswith("中心")


def _is_noun(flag: str) -> bool:
    return flag[0] == "n" or flag in ("eng", "vn", "m")


def _is_verb(flag: str) -> bool:
    return flag.startswith("v") and flag != "vn"  # "采购" (vn) names an activity: an item


_LIST_END = re.compile(r"(?:等|等等|……|及其他)")
# … and a relative clause that introduces them: "the segment, which includes A and B".
_LIST_INTRO = re.compile(
    r"\b(?:including|such as|namely|like)\s+|[:：]\s*"
    r"|\b(?:which|that)\s+(?:include[sd]?|comprises?|consists? of)\s+",
    re.IGNORECASE,
)
_LIST_VERB_INTRO = re.compile(r"\b(?:were|are|include[sd]?)\s+", re.IGNORECASE)


_EN_DATE_COMMA = re.compile(r"(?<=\d),(?= \d{4}\b)")
_EN_LAST_ITEM_JOINED = re.compile(r",.*\b(?:and|or)\b")


def _joins_items(text: str) -> bool:
    """ "A, B and C" is a list; "A, B" alone is two clauses ("the mayor spoke at the forum, the
    budget has grown"), however alike the two pieces look, and "A, B, C" with no "and" is an
    apposition ("Lee, a retired teacher, told reporters"). An "and" anywhere after the comma
    counts ("At noon, A and B met" passes: telling that from a list takes a parser);
    ``_parallel_items`` then cuts the items alike."""
    text = _EN_DATE_COMMA.sub(" ", text)  # "May 2, 2024" is one item
    return _EN_LAST_ITEM_JOINED.search(text) is not None


def _list_spans(
    pattern: re.Pattern[str], joins: Callable[[str], bool] = lambda _: True
) -> Callable[[str], Iterator[Candidate]]:
    def find(text: str) -> Iterator[Candidate]:
        for cand in _matches(pattern, text, AnswerType.LIST):
            if not joins(text[cand.start : cand.end]):
                continue
            # "sectors, including A, B and C": the items start after the introducing word; a
            # verb introduces them only before the first item ends ("the effects were A, B and
            # C", but "A, B and C are rare").
            first_cut = ITEM_SEPARATOR.search(text, cand.start, cand.end)
            verb_end = first_cut.start() if first_cut else cand.end
            intros = chain(
                _LIST_INTRO.finditer(text, cand.start, cand.end),
                _LIST_VERB_INTRO.finditer(text, cand.start, verb_end),
            )
            start = max((intro.end() for intro in intros), default=cand.start)
            start, end = _parallel_items(text, start, cand.end)
            yield Candidate(start, end, AnswerType.LIST)

    return find


ITEM_SEPARATOR = re.compile(r"、|,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+|和|与|及")


def _parallel_items(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep the items of a list, which are alike in length: "the values of honesty, courage and
    kindness have guided" -> "honesty, courage and kindness"; "并在杭州、苏州" -> "杭州、苏州";
    "等" ends a Chinese list."""
    stop = _LIST_END.search(text, start, end)
    end = stop.start() if stop else end
    cuts = [cut for cut in ITEM_SEPARATOR.finditer(text, start, end) if _separates(text, cut)]
    if not cuts:
        return start, end
    bounds = [start, *(x for cut in cuts for x in (cut.start(), cut.end())), end]
    items = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    if re.search(r"[\u4e00-\u9fff]", text[start:end]):
        return _chinese_items(text, items)
    return _english_items(text, items)


def _separates(text: str, cut: re.Match[str]) -> bool:
    """A conjunction "和", "与", "及" joins items only as a word of its own, not inside
    "涉及", "参与" or "和平"."""
    if cut.group() not in _ZH_CONJUNCTIONS:
        return True
    word = word_index(text).by_start.get(cut.start())
    return word is not None and word[0] == cut.end()


# Words after which a list starts: "难题是岩溶、瓦斯和…", "分别为甲、乙、丙".
_ZH_INTRO = re.compile(r".*(?:来自|包括|包含|涵盖|例如|比如|如|在|(?<![自理缘经])由|分别为)")
_ZH_TAIL = re.compile(r"(?:的|也|都|等|均).*$")


def _chinese_items(text: str, items: list[tuple[int, int]]) -> tuple[int, int]:
    """ "来自德国、日本和新加坡的企业代表也" -> "德国、日本和新加坡": the first item starts after
    an introducing word, the last ends before a modifier or adverb; else items are alike in
    length."""
    items = [*items[:-1], (items[-1][0], _before_closing_verbs(text, *items[-1]))]
    (first_start, first_end), (last_start, last_end) = items[0], items[-1]
    intro = _ZH_INTRO.match(text, first_start, first_end)
    # or a copula standing alone: "难题是岩溶、瓦斯和…" ("以企业为主体" has no list after 为)
    copula = max(
        (p + 1 for p in range(first_start, first_end) if copula_at(text, p, "是")), default=-1
    )
    size = max(b - a for a, b in items[1:])
    # The first item starts at a word: "成为城市居民…的好去处" keeps "居民" whole.
    opened = max(intro.end() if intro else -1, copula)
    start = opened if opened >= 0 else word_start(text, max(first_start, first_end - size))
    if len(items) == 2:
        start = _past_verb_of_pair(text, start, first_end, items[1][0])
    else:
        start = _past_governing_verb(text, start, first_end, items[1:-1])
    start = _past_modifier(text, start, first_end, items[1:])
    tail = _ZH_TAIL.search(text, last_start, last_end)
    end = last_end
    if tail and tail.start() > last_start:
        # "新加坡的企业代表" ends at "的" when the items are as short as "日本"; "全城共享的休闲
        # 空间" is whole beside "推动全民健身的场地".
        middle = max((b - a for a, b in items[1:-1]), default=first_end - start)
        if abs(tail.start() - last_start - middle) <= abs(last_end - last_start - middle):
            end = tail.start()
    return start, end


def _past_modifier(text: str, start: int, first_end: int, others: list[tuple[int, int]]) -> int:
    """ "工程选用的青石、花岗岩和大理石" -> "青石、…": a first item that opens with a modifier
    ending in "的" starts after it, when no item between the first and the last has one and
    the item alone is nearer their length ("上海的外滩、北京的故宫和…" keep theirs; with two
    items, "开放的窗口、交流的平台", there is none to compare with)."""
    cut = text.rfind("的", start, first_end) + 1
    middle = others[:-1]  # (the last item runs on into the sentence: its length says nothing)
    if not middle or cut <= start or cut >= first_end or any("的" in text[a:b] for a, b in middle):
        return start
    typical = max(b - a for a, b in middle)
    return cut if abs(first_end - cut - typical) < abs(first_end - start - typical) else start


_ASPECT = frozenset({"ul", "uz", "ug"})  # jieba's flags of 了, 着, 过


def _before_closing_verbs(text: str, start: int, end: int) -> int:
    """ "甲社、乙社联合制作": the last item ends before the verbs that close the list, when
    nothing but verbs follow ("社区阅读三大作用" stays whole)."""
    words = word_index(text).by_start
    inside = [w for w in sorted(words) if start + 1 < w < end]  # the item keeps a word at least
    verbs = [w for w in inside if _is_verb(words[w][1])]
    # (one character is no closing verb: the 系 of "中文系" is a department)
    if (
        verbs
        # (with their aspect particles: "举办了展览")
        and all(
            words[w][1].startswith("v") or words[w][1] in _ASPECT for w in inside if w >= verbs[0]
        )
        and (end - verbs[0] >= 2)
    ):
        return verbs[0]
    return end


def _past_governing_verb(
    text: str, start: int, first_end: int, middle: list[tuple[int, int]]
) -> int:
    """ "(将)履行A、B、C职能": a verb opening the first item (with its adverbs) governs the whole
    list and is no part of it, when only it makes the item longer than the items in the middle.
    Items that are verb phrases keep their verbs ("修建道路、改善供水、增设公交")."""
    words = word_index(text).by_start
    sizes = [b - a for a, b in middle]
    if not sizes or first_end - start <= max(sizes):
        return start
    if any(_opens_with_verb(words, a) for a, _ in middle):
        return start
    at = start
    while at in words and at < first_end:
        end, flag = words[at]
        if not (_is_verb(flag) or flag == "d"):
            return start
        at = end
        # The first cut after a verb that leaves an item as long as the middle ones is the item
        # ("扩大进口" beside "优化营商环境" is a verb phrase too: "进口" alone would be short).
        if _is_verb(flag) and min(sizes) <= first_end - at <= max(sizes):
            return at
    return start


def _past_verb_of_pair(text: str, start: int, first_end: int, second_start: int) -> int:
    """ "县文旅局联合县博物馆、县图书馆": of two items, the first starts after a
    verb that governs both, unless the second opens with a verb too ("修建道路、改善供水")."""
    words = word_index(text).by_start
    if _opens_with_verb(words, second_start):
        return start
    verb_ends = [
        end
        for at, (end, flag) in words.items()
        if start <= at and end <= first_end - 2 and _is_verb(flag)
    ]
    return max(verb_ends, default=start)


def _opens_with_verb(words: Mapping[int, tuple[int, str]], at: int) -> bool:
    word = words.get(at)
    return word is not None and _is_verb(word[1])


def _english_items(text: str, items: list[tuple[int, int]]) -> tuple[int, int]:
    # The item just before the last separator surely belongs to the list: it sets the size.
    size = _words(text, items[-2])
    first = len(items) - 2
    while first > 0 and _words(text, items[first - 1]) <= size + 2:
        first -= 1
        size = max(size, _words(text, items[first]))
    last_words = text[slice(*items[-1])].split()
    # The last item ends where a verb or preposition takes over ("kindness have guided") and is
    # as long as the others, or one word longer when that word ends the match ("electric boats"
    # after "drones"; not "Italy signed" of "Italy signed the deal").
    kept = list(takewhile(lambda w: w.lower() not in _ITEM_END_WORDS, last_words))
    # A list that is the subject ("A, B and C are …") may follow a fronted phrase that is none of
    # its items ("In a busy world, A, B and C are …"; but "In May it drew A, B and C.").
    after = text[items[-1][0] :].split()[len(kept) : len(kept) + 1]
    subject = bool(after) and after[0].lower() in _BE_HAVE
    fronted = subject and _ends_fronted_phrase(text, items[first])
    if fronted and first < len(items) - 2:
        first += 1
    start = items[first][0]
    if first > 0 and not (subject and _ends_fronted_phrase(text, items[first - 1])):
        head_start, head_end = items[first - 1]
        tail = _list_head_tail(text[head_start:head_end], size)
        start = head_end - len(tail) if tail else start
    longer = len(kept) == size + 1
    return start, items[-1][0] + len(" ".join(kept[: size + longer] or last_words[:1]))


# A sentence opening with a preposition or a subordinator puts a phrase before its first comma
# ("In a busy world, A, B and C matter"): that phrase is no item.
_EN_FRONTED = re.compile(
    r"^\W*(?:In|On|At|For|With|During|After|Before|Since|Over|Under|Across|Amid|Among|Through"
    r"|Throughout|Between|By|From|Despite|As|When|While|Although|Though|If|Because|Once)\b[^,]*$"
)


_BE_HAVE = frozenset("are is was were have has had".split())


def _ends_fronted_phrase(text: str, item: tuple[int, int]) -> bool:
    """Whether ``item`` ends the sentence's fronted phrase at the sentence's first comma; a
    second preposition in it ("In May the firms from A, B and C …") leads in the list instead."""
    phrase = text[: item[1]]
    fronted = _EN_FRONTED.match(phrase)
    return fronted is not None and not _EN_PREPOSITION.search(phrase, phrase.find(" ") + 1)


_EN_PREPOSITION = re.compile(
    r"\b(?:of|from|in|on|at|for|with|by|to|as|like|including|between|among)\b", re.IGNORECASE
)


_ITEM_END_WORDS = frozenset(
    "have has had are is was were will would can could to in on at for from with by that which "
    "who while as near during inside outside".split()
)


def _words(text: str, span: tuple[int, int]) -> int:
    return len(text[slice(*span)].split())


def _list_head_tail(item: str, size: int) -> str:
    """The part of the first item that belongs to the list: all of it when it is as short as the
    others, the words after "of"/"as"/"include" when it is an introduction, else its last words
    (as many as the other items have)."""
    words = item.split()
    if len(words) <= size + 1:
        return item
    intro = re.search(r"\b(?:of|as|include|includes|are|is|were|was)\s+(.*)$", item)
    if intro and len(intro.group(1).split()) <= size + 1:
        return intro.group(1)
    return " ".join(words[-size:])  # "the fair showed robots": the item is its last words


_EN_FINDERS: dict[AnswerType, Callable[[str], Iterator[Candidate]]] = {
    AnswerType.NUMBER: _en_numbers,
    AnswerType.PERCENT: lambda text: _en_shares(text),
    AnswerType.DATE: lambda text: _en_dates(text),
    AnswerType.PERSON: _en_names(AnswerType.PERSON),
    AnswerType.ORGANIZATION: _en_names(AnswerType.ORGANIZATION),
    AnswerType.LOCATION: _en_names(AnswerType.LOCATION),
    AnswerType.LIST: lambda text: chain(
        _list_spans(_EN_LIST, _joins_items)(text),
        _matches(_SEMICOLON_LIST, text, AnswerType.LIST),
        _matches(_COLON_LIST, text, AnswerType.LIST),
        _en_coordinated(text),
    ),
    AnswerType.DEFINITION: _en_definition,
    AnswerType.OTHER: lambda text: chain(
        _clauses(AnswerType.OTHER)(text), _list_spans(_EN_LIST, _joins_items)(text)
    ),
}


def _zh_counted_pairs(text: str) -> Iterator[Candidate]:
    """ "5座仓库和3处码头": the pair up to the second thing's last noun ("…码头在场" is no part)."""
    for found in _ZH_COUNTED_PAIR.finditer(text):
        words = tagged(text)  # cached per text; only a sentence with a pair is tagged here
        nouns = [
            end
            for start, end, flag in words
            if found.start() < start < found.end() and end <= found.end() and flag.startswith("n")
        ]
        if nouns:
            yield Candidate(found.start(), nouns[-1], AnswerType.LIST)


def _en_shares(text: str) -> Iterator[Candidate]:
    """Shares in figures ("12 percent"), else in words ("about a quarter")."""
    in_figures = list(_matches(_EN_PERCENT, text, AnswerType.PERCENT))
    return iter(in_figures or _matches(_EN_SHARE_WORDS, text, AnswerType.PERCENT))


def _en_coordinated(text: str) -> Iterator[Candidate]:
    """Names joined by "and" or "or" ("its Fokker F70 and Saab 340 planes"), which the name
    pattern takes as one: a list, which the comma-list pattern misses when there is no comma.
    Common words in capitals on both sides make one title ("the Arts and Crafts Hall"), not
    two names."""
    for found in _EN_NAME.finditer(text):
        parts = _EN_JOINED_PAIR.split(found.group())
        in_longer_list = text[: found.start()].rstrip().endswith(",")  # "A, B and C"
        if found.start() == 0 or len(parts) != 2 or in_longer_list:
            continue
        if not all(all(_is_common(word) for word in part.split()) for part in parts):
            yield Candidate(*_trim(text, *found.span()), AnswerType.LIST)


# Where two names of a pair meet.
_EN_JOINED_PAIR = re.compile(r"\s(?:and|or)\s")


def _zh_coordinated(text: str) -> Iterator[Candidate]:
    """Names joined by "与/和/及/、" ("中国成都与意大利米兰"): a list of two or more, which
    the comma-list pattern misses when there is no "、"."""
    names = [
        (start, end)
        for start, end, flag in _tagged_names(text)
        if flag[:2] in _POS_TYPES or _is_other_name(flag, text[start:end])
    ]
    first, items = 0, 1
    for i in range(1, len(names) + 1):
        gap = text[names[i - 1][1] : names[i][0]] if i < len(names) else "."
        if ITEM_SEPARATOR.fullmatch(gap):
            items += 1
        elif gap:  # names side by side ("意大利" "米兰") are one item
            if items >= 2:
                yield Candidate(names[first][0], names[i - 1][1], AnswerType.LIST)
            first, items = i, 1


_ZH_FINDERS: dict[AnswerType, Callable[[str], Iterator[Candidate]]] = {
    AnswerType.NUMBER: _zh_numbers,
    AnswerType.PERCENT: lambda text: _matches(_ZH_PERCENT, text, AnswerType.PERCENT),
    AnswerType.DATE: lambda text: _matches(_ZH_DATE, text, AnswerType.DATE),
    AnswerType.PERSON: _zh_entities(AnswerType.PERSON),
    AnswerType.ORGANIZATION: lambda text: _zh_organizations(text),
    AnswerType.LOCATION: lambda text: chain(
        _zh_entities(AnswerType.LOCATION)(text), _zh_places(text)
    ),
    AnswerType.LIST: lambda text: chain(
        _list_spans(_ZH_LIST)(text),
        _matches(_ZH_SPACED_LIST, text, AnswerType.LIST),
        # whole with its quotation marks, which the edge trimming would otherwise cut
        (
            Candidate(*found.span(), AnswerType.LIST, fixed_edges=True)
            for found in _ZH_QUOTED_LIST.finditer(text)
        ),
        _zh_coordinated(text),
        _zh_counted_pairs(text),
    ),
    AnswerType.DEFINITION: _clauses(AnswerType.DEFINITION),
    AnswerType.OTHER: lambda text: chain(
        _clauses(AnswerType.OTHER)(text), _list_spans(_ZH_LIST)(text)
    ),
}
