"""Which columns of a table hold personal data: by their name, and by their content.

* Names (:func:`name_kind`), in English and Chinese, in any spelling: ``cust_name``,
  ``CustName``, ``Customer ID``, ``客户姓名``, ``手机号``... A name is split into words
  (underscores, spaces, camelCase), so ``card_reader_status`` or ``contactless_txn`` are not
  mistaken for ``card`` or ``contact``; words such as ``customer``, ``client``, ``card`` or
  ``mobile`` count only alone or with an identifier word (``id``, ``no``, ``number``, ``name``).
  A bare ``name`` is *not* personal (ATMs and branches have names too).
* Content (:func:`content_kind`), from a sample of the values, whatever the column's type (a
  card number stored as an integer is found too): Luhn-valid card numbers of 13-19 digits
  starting like a card network's (3-6, 22-27), mainland mobile numbers (``1[3-9]`` and 9
  more digits, ``+86`` allowed), 18-character resident ID numbers with a birth date and the
  right ISO 7064 MOD 11-2 check character, e-mail addresses. A column most of whose values
  are such is personal; a text column some of whose values *contain* them is free text with
  personal data (they get masked inside the text).

:func:`find_personal` combines both and says why (:class:`Finding`); the export shows that
before writing, and the user may override it column by column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from iotfin_gui.core.messages import QT_TRANSLATE_NOOP, Message

PERSONAL_KINDS = ("name", "phone", "id_card", "card", "customer_id", "email", "other", "text")
#: How each kind of personal data is named on screen.
PERSONAL_KIND_LABELS: dict[str, Message] = {
    "name": QT_TRANSLATE_NOOP("Core", "name"),
    "phone": QT_TRANSLATE_NOOP("Core", "phone"),
    "id_card": QT_TRANSLATE_NOOP("Core", "ID card"),
    "card": QT_TRANSLATE_NOOP("Core", "card number"),
    "customer_id": QT_TRANSLATE_NOOP("Core", "customer id"),
    "email": QT_TRANSLATE_NOOP("Core", "e-mail"),
    "other": QT_TRANSLATE_NOOP("Core", "other"),
    "text": QT_TRANSLATE_NOOP("Core", "free text with personal data"),
}
#: Values sampled per column for the content check.
SAMPLE_VALUES = 200
#: Share of a column's sampled values that must be personal for the whole column to be.
COLUMN_SHARE = 0.5

# --- names ---------------------------------------------------------------------------------

#: Whole names (words run together, lower case) and their kind.
_COMPACT = {
    **dict.fromkeys(("custname", "customername", "clientname", "holdername", "cardholder",
                     "cardholdername", "accountname", "acctname", "fullname", "firstname",
                     "lastname", "surname", "givenname", "familyname", "realname", "username",
                     "membername", "contactname", "personname", "holder", "customer", "client",
                     "cust"), "name"),
    **dict.fromkeys(("idcard", "idno", "idnum", "idnumber", "idcardno", "idcardnumber",
                     "nationalid", "nid", "ssn", "passport", "passportno", "nric", "sfz",
                     "sfzh", "identitycard", "identityno", "identitynumber"), "id_card"),
    **dict.fromkeys(("card", "cardno", "cardnum", "cardnumber", "cardnbr", "pan", "iban",
                     "account", "accountno", "accountnum", "accountnumber", "acctno", "acctnum",
                     "acct", "bankaccount", "bankcard", "bankcardno"), "card"),
    **dict.fromkeys(("custid", "custno", "custcode", "customerid", "customerno", "customercode",
                     "customernumber", "clientid", "clientno", "clientcode", "memberid",
                     "memberno", "userid"), "customer_id"),
    **dict.fromkeys(("phone", "phoneno", "phonenumber", "mobile", "mobileno", "mobilenumber",
                     "mobilephone", "cellphone", "tel", "telno", "telephone", "msisdn",
                     "contactno", "contactnumber", "contactphone"), "phone"),
    **dict.fromkeys(("email", "mail", "emailaddress", "mailaddress"), "email"),
    **dict.fromkeys(("contact", "dob", "birthdate", "birthday", "dateofbirth", "homeaddress",
                     "postaladdress", "residentialaddress"), "other"),
}
#: Words that make a name personal wherever they appear in it.
_STRONG_WORDS = {
    "phone": "phone", "telephone": "phone", "cellphone": "phone", "msisdn": "phone",
    "email": "email", "passport": "id_card", "ssn": "id_card", "nid": "id_card",
    "iban": "card", "cardholder": "name", "surname": "name", "firstname": "name",
    "lastname": "name", "fullname": "name", "dob": "other", "birthday": "other",
}
#: Words that are personal only alone or with identifier words (:data:`_IDENTIFIER_WORDS`):
#: word -> (its kind alone or with other such words, its kind with ``id``, ``no``...); with
#: ``name`` they are always a name.
_CONTEXT_WORDS = {
    "customer": ("name", "customer_id"), "cust": ("name", "customer_id"),
    "client": ("name", "customer_id"), "member": ("name", "customer_id"),
    "user": ("name", "customer_id"), "holder": ("name", "name"), "person": ("name", "other"),
    "contact": ("other", "phone"), "mobile": ("phone", "phone"), "tel": ("phone", "phone"),
    "mail": ("email", "email"), "card": ("card", "card"), "account": ("card", "card"),
    "acct": ("card", "card"), "identity": ("id_card", "id_card"),
    "national": (None, "id_card"), "full": (None, "name"), "first": (None, "name"),
    "last": (None, "name"), "given": (None, "name"), "family": (None, "name"),
    "real": (None, "name"),
}
_IDENTIFIER_WORDS = {"id", "no", "num", "nbr", "number", "code", "key", "name", "names"}
#: Chinese: (kind, words); the first rule one of whose words appears in the name wins.
_CHINESE = (
    ("id_card", ("身份证", "证件", "身份号")),
    ("card", ("卡号", "银行卡", "账号", "帐号", "账户号", "帐户号")),
    ("customer_id", ("客户号", "客户编号", "客户代码", "会员号", "会员编号")),
    ("phone", ("手机", "电话", "联系方式", "移动号码")),
    ("email", ("邮箱", "电子邮件", "邮件地址")),
    ("other", ("住址", "家庭地址", "出生日期", "生日")),
    ("name", ("姓名", "名字", "客户名", "户名", "持卡人", "联系人", "客户", "会员", "用户名")),
)


def name_words(column: str) -> list[str]:
    """The words of a column name, lower case: ``CustName`` -> ``cust, name``; Chinese runs
    stay whole."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(column).strip())
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text).lower()
    return re.findall(r"[a-z]+|\d+|[^\W\d_a-z]+", text)


def name_kind(column: str) -> str | None:
    """The personal-data kind a column's name announces, or None."""
    words = name_words(column)
    latin = [w for w in words if w.isascii() and w.isalpha()]
    chinese = "".join(w for w in words if not w.isascii())
    if chinese:
        for kind, markers in _CHINESE:
            if any(marker in chinese for marker in markers):
                if kind == "name" and "客户" in chinese and set(latin) & {"id", "no", "code"}:
                    return "customer_id"
                return kind
    if not latin:
        return None
    compact = "".join(latin)
    if compact in _COMPACT:
        return _COMPACT[compact]
    for word in latin:
        if word in _STRONG_WORDS:
            return _STRONG_WORDS[word]
    heads = [w for w in latin if w in _CONTEXT_WORDS]
    rest = set(latin) - set(heads)
    if heads and rest <= _IDENTIFIER_WORDS:
        if rest & {"name", "names"}:
            return "name"
        return _CONTEXT_WORDS[heads[0]][1] if rest else _CONTEXT_WORDS[heads[-1]][0]
    if "address" in latin and set(latin) & {"home", "postal", "residential", "customer",
                                            "mailing"}:
        return "other"
    return None


# --- content -------------------------------------------------------------------------------

#: An e-mail address.
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
#: A mainland mobile number: ``13987654321``, ``139 8765 4321``, ``+86 139-8765-4321``.
MOBILE = re.compile(r"(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}")
#: The shape of an 18-character resident ID number (see :func:`resident_id_valid`).
RESIDENT_ID = re.compile(r"[1-8]\d{16}[\dXx]")
#: The shape of a card number: 13-19 digits, or groups of four (or 4-6-5) with spaces or dashes.
CARD = re.compile(r"\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{5}"
                  r"|\d{13,19}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum of a string of digits (card numbers pass it, most other numbers not)."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def resident_id_valid(text: str) -> bool:
    """Whether ``text`` is an 18-character resident ID number: a birth date (YYYYMMDD, 1900 to
    2099) in characters 7-14 and the right check character (ISO 7064 MOD 11-2, as GB 11643
    defines it)."""
    if not RESIDENT_ID.fullmatch(text):
        return False
    year, month, day = int(text[6:10]), int(text[10:12]), int(text[12:14])
    if not (1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31):
        return False
    total = sum(int(d) * w for d, w in zip(text[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == text[17].upper()


def card_number(text: str) -> bool:
    """Whether ``text`` is a card number: 13-19 digits (spaces or dashes between them allowed)
    starting like the cards of the major networks (3, 4, 5, 6 or 22-27: never 1, so that
    timestamps in milliseconds or microseconds are not taken for cards, nor 20, like order
    numbers that begin with a year) and passing Luhn."""
    digits = re.sub(r"[ -]", "", text)
    return (bool(CARD.fullmatch(text)) and 13 <= len(digits) <= 19
            and (digits[0] in "3456" or "22" <= digits[:2] <= "27") and luhn_valid(digits))


def value_kind(value: Any) -> str | None:
    """The kind of personal data a single value *is* (phone, id_card, card, email), or None.
    Integers and whole floats are read as their digits."""
    text = _as_text(value)
    if text is None:
        return None
    if EMAIL.fullmatch(text):
        return "email"
    if resident_id_valid(text):
        return "id_card"
    if MOBILE.fullmatch(text):
        return "phone"
    if card_number(text):
        return "card"
    return None


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return None


def standalone(match: re.Match[str]) -> bool:
    """Whether a match of digits is not part of a longer number."""
    text, (start, end) = match.string, match.span()
    return not ((start and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit()))


def contains_personal(text: str) -> bool:
    """Whether some part of ``text`` is a phone, resident ID, card number or e-mail address."""
    if EMAIL.search(text):
        return True
    return any(standalone(match) and check(match.group())
               for pattern, check in ((RESIDENT_ID, resident_id_valid),
                                      (MOBILE, MOBILE.fullmatch), (CARD, card_number))
               for match in pattern.finditer(text))


@dataclass(frozen=True)
class Finding:
    """Why a column counts as personal: its ``kind``, found ``by`` its name or its content, and
    ``reason`` in words (``matches`` of ``sampled`` values for content)."""

    kind: str
    by: str
    reason: Message
    matches: int = 0
    sampled: int = 0

    def describe(self) -> dict[str, Any]:
        return {"kind": self.kind, "by": self.by, "reason": str(self.reason)}


def content_kind(values: Iterable[Any]) -> Finding | None:
    """What a sample of a column's values says: a personal column, free text with personal data
    in it, or nothing (None)."""
    counts: dict[str, int] = {}
    sampled = texts_with = 0
    for value in values:
        if sampled >= SAMPLE_VALUES:
            break
        text = _as_text(value)
        if not text:
            continue
        sampled += 1
        kind = value_kind(value)
        if kind is not None:
            counts[kind] = counts.get(kind, 0) + 1
        elif isinstance(value, str) and contains_personal(text):
            texts_with += 1
    if not sampled:
        return None
    if counts:
        kind, matches = max(counts.items(), key=lambda item: item[1])
        if matches >= COLUMN_SHARE * sampled:
            return Finding(kind, "content", QT_TRANSLATE_NOOP(
                "Core", "{matches} of {sampled} sampled values look like a {kind}").format(
                    matches=matches, sampled=sampled, kind=PERSONAL_KIND_LABELS[kind]),
                matches, sampled)
    found = texts_with + sum(counts.values())
    if found:
        return Finding("text", "content", QT_TRANSLATE_NOOP(
            "Core", "{matches} of {sampled} sampled values contain a phone, ID, card number "
            "or e-mail").format(matches=found, sampled=sampled), found, sampled)
    return None


def find_personal(columns: Iterable[str],
                  sample: Mapping[str, Iterable[Any]] | None = None) -> dict[str, Finding]:
    """Column -> :class:`Finding`, for every column whose name or sampled content (``sample``:
    column -> some of its values) is personal. A name wins over content."""
    found: dict[str, Finding] = {}
    for column in columns:
        kind = name_kind(str(column))
        if kind is not None:
            found[str(column)] = Finding(kind, "name", QT_TRANSLATE_NOOP(
                "Core", "named like a {kind}").format(kind=PERSONAL_KIND_LABELS[kind]))
            continue
        if sample is not None and column in sample:
            finding = content_kind(_values(sample[column]))
            if finding is not None:
                found[str(column)] = finding
    return found


def _values(values: Iterable[Any]) -> Iterable[Any]:
    to_list = getattr(values, "to_pylist", None) or getattr(values, "tolist", None)
    return to_list() if to_list is not None else values


def detect_personal(columns: Iterable[str],
                    sample: Mapping[str, Iterable[Any]] | None = None) -> dict[str, str]:
    """Column -> personal-data kind (see :func:`find_personal`)."""
    return {column: finding.kind for column, finding in find_personal(columns, sample).items()}
