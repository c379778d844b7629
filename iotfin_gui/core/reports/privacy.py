"""Personal data in exports: the privacy plan, masking, salted hashing.

* Which columns are personal is :mod:`.personal`'s job (names and sampled content);
  :func:`plan_privacy` turns its findings and the user's choices (mask, hash, keep, or no
  automatic masking at all) into a :class:`PrivacyPlan` that every CSV writer applies.
* Masking keeps what an analyst needs to recognise a value: ``138****5678``, ``张*``,
  ``622202******7891``, ``w***@example.cn``. Hashing is HMAC-SHA256 with a salt created once
  per store (setting :data:`SALT_SETTING`), so the same customer hashes to the same value in
  every export of that store and to a different value in another store.
* Every other column, text or numeric, is scanned unless the user keeps it: card numbers
  (Luhn), mainland mobile numbers, resident ID numbers and e-mail addresses found in a value are
  masked inside it (``李四,139****4321``), so free text such as notes or quarantined raw lines
  does not leak them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from iotfin_gui.core.errors import InputError
from iotfin_gui.core.messages import QT_TRANSLATE_NOOP
from iotfin_gui.core.reports.personal import (
    CARD,
    EMAIL,
    MOBILE,
    RESIDENT_ID,
    Finding,
    card_number,
    find_personal,
    resident_id_valid,
    standalone,
)
from iotfin_gui.core.store import Store

SALT_SETTING = "privacy.hash_salt"
#: Text cells worth scanning: a run of 11 or more digits (spaces, dashes between) or an ``@``.
_CANDIDATE = r"\d(?:[ -]?\d){10}|@"
#: Numbers worth scanning: 11 digits or more.
_SMALLEST_CANDIDATE = 10_000_000_000


def _mask_digits(text: str, keep_start: int, keep_end: int) -> str:
    """Replace the digits of ``text`` by ``*`` except the first and last ones asked for."""
    count = sum(c.isdigit() for c in text)
    seen, out = 0, []
    for char in text:
        if char.isdigit():
            seen += 1
            if keep_start < seen <= count - keep_end:
                char = "*"
        out.append(char)
    return "".join(out)


def _mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    return local[:1] + "***@" + domain


def mask_cards(text: str) -> tuple[str, int]:
    """``text`` with every Luhn-valid 13-19 digit card number masked; and how many there were."""
    found = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal found
        if not standalone(match) or not card_number(match.group()):
            return match.group()
        found += 1
        return _mask_digits(match.group(), 6, 4)

    return CARD.sub(replace, text), found


def mask_in_text(text: str) -> tuple[str, dict[str, int]]:
    """``text`` with the e-mail addresses, resident ID numbers, card numbers and mobile numbers
    in it masked; and how many of each kind there were."""
    counts: dict[str, int] = {}

    def counted(kind: str, masked: str) -> str:
        counts[kind] = counts.get(kind, 0) + 1
        return masked

    text = EMAIL.sub(lambda m: counted("email", _mask_email(m.group())), text)

    def resident_id(match: re.Match[str]) -> str:
        if standalone(match) and resident_id_valid(match.group()):
            return counted("id_card", match.group()[:6] + "*" * 8 + match.group()[14:])
        return match.group()

    def card(match: re.Match[str]) -> str:
        if standalone(match) and card_number(match.group()):
            return counted("card", _mask_digits(match.group(), 6, 4))
        return match.group()

    def mobile(match: re.Match[str]) -> str:
        if standalone(match):
            return counted("phone", _mask_digits(match.group(), len(_digits(match.group())) - 8,
                                                 4))
        return match.group()

    text = RESIDENT_ID.sub(resident_id, text)
    text = CARD.sub(card, text)
    text = MOBILE.sub(mobile, text)
    return text, counts


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _mask_auto(text: str) -> str:
    """Mask a value whose kind is not known: as an e-mail, a number, or words."""
    if "@" in text:
        return _mask_email(text)
    digits = len(_digits(text))
    if digits >= 8:
        return _mask_digits(text, 3, 4)
    if len(text) <= 4:
        return "*" * len(text)
    return text[:2] + "*" * (len(text) - 6) + text[-4:] if digits else _mask_words(text)


def _mask_words(text: str) -> str:
    return " ".join(word[:1] + "*" * (len(word) - 1) for word in text.split(" "))


def mask_value(value: str, kind: str) -> str:
    """A recognisable but non-identifying form of ``value`` (``138****5678``, ``张*``)."""
    text = str(value)
    if not text:
        return text
    digits = len(_digits(text))
    if kind == "card" and digits >= 13:
        return _mask_digits(text, 6, 4)
    if kind == "phone" and digits >= 8:
        return _mask_digits(text, 3, 4)
    if kind == "email" and "@" in text:
        return _mask_email(text)
    if kind == "name":
        return _mask_words(text)
    if kind == "id_card" and len(text) >= 15:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    if kind == "customer_id":
        return "*" * len(text) if len(text) <= 4 else \
            text[:2] + "*" * (len(text) - 6) + text[-4:]
    return _mask_auto(text)


def hash_value(value: str, salt: str) -> str:
    """HMAC-SHA256 of ``value`` (UTF-8) keyed with ``salt``, as 64 hex digits."""
    return hmac.new(salt.encode(), str(value).encode("utf-8"), hashlib.sha256).hexdigest()


def hash_salt(store: Store) -> str:
    """The store's hashing salt, created (random, 256 bits) the first time it is needed."""
    with store.atomic():
        salt = store.setting(SALT_SETTING)
        if not salt:
            salt = secrets.token_hex(32)
            store.set_setting(SALT_SETTING, salt)
            store.audit("privacy.salt_created")
    return str(salt)


@dataclass
class PrivacyPlan:
    """What an export does to personal data: masked columns (with kind), hashed columns, kept
    columns (left as they are, not scanned), whether the other columns are scanned for personal
    values, and why each column was found personal."""

    masked: dict[str, str] = field(default_factory=dict)
    hashed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    scan: bool = True
    salt: str | None = None
    findings: dict[str, Finding] = field(default_factory=dict)
    values_masked: dict[str, int] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """The JSON recorded with the export (never the salt)."""
        return {"masked": dict(self.masked), "hashed": list(self.hashed),
                "kept": list(self.kept), "card_scan": self.scan,
                "cards_masked": self.values_masked.get("card", 0),
                "values_masked": dict(sorted(self.values_masked.items())),
                "detected": {c: f.describe() for c, f in self.findings.items()}}

    def touches(self, column: str) -> bool:
        """Whether the column is replaced as a whole (masked or hashed: written as text)."""
        return column in self.masked or column in self.hashed

    def scans(self, column: str) -> bool:
        return self.scan and not self.touches(column) and column not in self.kept

    def _count(self, counts: Mapping[str, int]) -> None:
        for kind, count in counts.items():
            self.values_masked[kind] = self.values_masked.get(kind, 0) + count

    def apply(self, column: str, texts: pa.Array) -> pa.Array:
        """A text column's chunk with this plan applied (nulls stay null)."""
        if column in self.hashed:
            assert self.salt is not None
            return _map(texts, lambda v: hash_value(v, self.salt))
        if column in self.masked:
            kind = self.masked[column]
            return _map(texts, lambda v: mask_value(v, kind))
        if not self.scans(column) or len(texts) == 0:
            return texts
        candidates = pc.fill_null(pc.match_substring_regex(texts, _CANDIDATE), False)
        if not pc.any(candidates).as_py():
            return texts
        values = texts.to_pylist()
        for index in pc.indices_nonzero(candidates).to_pylist():
            values[index], counts = mask_in_text(values[index])
            self._count(counts)
        return pa.array(values, type=pa.string())

    def apply_numbers(self, column: str, numbers: pa.Array, texts: pa.Array) -> pa.Array:
        """A numeric column's cell texts with the numbers that are card, ID or mobile numbers
        masked (``texts`` are the cells as written, ``numbers`` their values)."""
        if not self.scans(column) or len(numbers) == 0:
            return texts
        large = pc.fill_null(pc.greater_equal(pc.abs(numbers), _SMALLEST_CANDIDATE), False)
        if not pc.any(large).as_py():
            return texts
        cells = texts.to_pylist()
        values = numbers.to_pylist()
        for index in pc.indices_nonzero(large).to_pylist():
            value = values[index]
            if isinstance(value, float) and not value.is_integer():
                continue
            masked, counts = mask_in_text(str(int(value)))
            if counts:
                cells[index] = masked
                self._count(counts)
        return pa.array(cells, type=pa.string())


def _map(texts: pa.Array, fn: Any) -> pa.Array:
    return pa.array([None if v is None else fn(v) for v in texts.to_pylist()], type=pa.string())


def plan_privacy(
    columns: Sequence[str],
    *,
    sample: Mapping[str, Iterable[Any]] | None = None,
    mask: Iterable[str] = (),
    hash_columns: Iterable[str] = (),
    keep: Iterable[str] = (),
    auto: bool = True,
) -> PrivacyPlan:
    """Decide what to mask, hash and keep: the personal columns :func:`find_personal` finds
    (by name, and by content in ``sample``: column -> some values) are masked unless ``auto``
    is false or the user keeps or hashes them; ``mask`` and ``hash_columns`` name more. Free
    text with personal data in it is scanned, like every column not kept, while ``auto``."""
    mask, hash_columns, keep = list(mask), list(hash_columns), list(keep)
    unknown = sorted(set(mask + hash_columns + keep) - set(columns))
    if unknown:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "cannot mask, hash or keep {unknown}: no such column (the columns are "
            "{columns})").format(unknown=", ".join(map(repr, unknown)),
                                 columns=", ".join(columns)))
    clash = sorted(set(keep) & set(mask + hash_columns))
    if clash:
        raise InputError(QT_TRANSLATE_NOOP(
            "Core", "{columns}: a column cannot be both kept as it is and masked or hashed")
            .format(columns=", ".join(map(repr, clash))))
    findings = find_personal(columns, sample) if auto else {}
    whole = {c: f.kind for c, f in findings.items() if f.kind != "text"}
    masked = {c: whole.get(c, "other") for c in columns
              if (c in mask or (c in whole and c not in keep)) and c not in hash_columns}
    hashed = [c for c in columns if c in hash_columns]
    kept = [c for c in columns if c in keep]
    return PrivacyPlan(masked=masked, hashed=hashed, kept=kept, scan=auto, findings=findings)
