"""Signature blocks at the foot of minutes: names under captions, parties below them."""

from __future__ import annotations

import re

from bot.importer.people import _NAME_PARTY_SEPARATOR, _ROLES
from bot.importer.vocabulary import (
    NAME_TOKEN,
    is_employer_role,
    is_party,
    is_person_name,
)

_SIGNER_FIRST = re.compile(
    rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s*,\s*(?P<rest>.+)$"
)


_SIGNER_NEXT = re.compile(rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})(?:\s*,\s*\S.*)?$")


def _two_signatures(line: str) -> str:
    """ "Bo Lind, Sveriges Lärare   Anna Berg, rektor": two signatures whose columns a text
    export ran together; the first one's party or title ends where a name begins."""
    first = _SIGNER_FIRST.match(line)
    if not first or "|" in line or not is_person_name(first["name"]):
        return line
    words = first["rest"].split()
    for cut in range(1, len(words) - 1):
        role, second = " ".join(words[:cut]), " ".join(words[cut:])
        after = _SIGNER_NEXT.match(second)
        if (is_party(role) or is_employer_role(role)) and after and is_person_name(after["name"]):
            return f"{first['name']}, {role} | {second}"
    return line


def _signature(line: str, following: str) -> list[tuple[str, str]]:
    """Names under "Justeras:": "Ida Falk, ordförande", or two in a row above their roles."""
    line = _NAME_PARTY_SEPARATOR.sub(", ", line)  # "Nora Fält / Kommunal"
    if "|" in line and "," in line:
        # "Maja Fors, ordförande | Rune Sandell, justerare": each cell a person and a role.
        return [found for cell in line.split("|") for found in _signature(cell.strip(), "")]
    person = re.match(
        rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s*,\s*(?P<role>.+)$", line
    )
    if person and is_person_name(person["name"]):
        role = person["role"].strip().rstrip(".").casefold()
        if role in ("ordförande", "ordf", "sekreterare", "kassör"):
            return []
        return [(person["name"], "" if role in _ROLES else person["role"].strip())]
    if "|" in line:
        # A signature table: "Hassan Jafari | Göran Pettersson" above "Kommunal | arbetsgivaren".
        names = [cell.strip() for cell in line.split("|")]
        parties = [cell.strip() for cell in following.split("|")]
        if all(is_person_name(name) for name in names):
            # "| Vision | Avdelningschef |": a manager signs for the employer by the title.
            sides = [is_party(party) or is_employer_role(party) for party in parties]
            if len(parties) == len(names) and all(sides):
                return list(zip(names, parties, strict=True))
            return [(name, "") for name in names]
        return []
    words = line.split()
    if len(words) == 2 and is_person_name(line) and is_party(following.strip()):
        # A name above its party: "Rut Almqvist" / "Vision".
        return [(line.strip(), following.strip())]
    roles = following.split()
    if (
        roles
        and all(r.casefold().strip(".") in _ROLES for r in roles)
        and len(words) == 2 * len(roles)
    ):
        pairs = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
        return [
            (name, "")
            for name, role in zip(pairs, roles, strict=True)
            if role.casefold().strip(".") == "justerare" and is_person_name(name)
        ]
    if len(words) % 2 == 0 and 2 <= len(words) <= 6:
        pairs = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
        if all(is_person_name(name) for name in pairs):
            parties = _captions(following, len(pairs))
            return list(zip(pairs, parties or [""] * len(pairs), strict=True))
    return []


def _chairs(line: str, following: str) -> list[tuple[str, str]]:
    """ "Annika Blom  Rebecka Moberg" above "Ordförande  Justerare", or "Ida Falk, ordförande":
    who signs as the chair."""
    if "|" in line and "," in line:
        return [found for cell in line.split("|") for found in _chairs(cell.strip(), "")]
    person = re.match(
        rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s*,\s*(?:ordförande|ordf)\.?$", line
    )
    if person and is_person_name(person["name"]):
        return [(person["name"], "")]
    words, roles = line.split(), [r.casefold().strip(".") for r in following.split()]
    if not roles or len(words) != 2 * len(roles) or not all(r in _ROLES for r in roles):
        return []
    pairs = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
    return [
        (name, "")
        for name, role in zip(pairs, roles, strict=True)
        if role in ("ordförande", "ordf") and is_person_name(name)
    ]


_CHAIR = frozenset({"ordförande", "ordf", "mötesordförande"})


_NOT_SIGNING = _CHAIR | {"sekreterare", "mötessekreterare", "protokollförare"}


_JUSTERING_CAPTIONS = frozenset({"justerare", "justerande", "protokollsjusterare", "justeras"})


def _role_row(line: str) -> list[str]:
    """ "Ordförande | Sekreterare", "Mötesordförande Protokollförare", "Sekreterare": a row of
    captions naming only who signs but does not justera, a role a cell; [] when it is not
    such a row."""
    cells = line.split("|") if "|" in line else line.split()
    roles = [c.strip().rstrip(":").casefold() for c in cells if c.strip()]
    # "Ordförande | Justerare | Sekreterare": the justerare's caption among theirs says which
    # name below justerar, the others' which do not.
    if not any(r in _NOT_SIGNING for r in roles) or not all(
        r in _NOT_SIGNING or r in _JUSTERING_CAPTIONS for r in roles
    ):
        return []
    return roles


def _caption_row(line: str) -> list[str]:
    """ "För arbetsgivaren För Vision", "För Kommunal | För SSR", "För Vision": the sides a row
    of the signature block names, or [] when it is not such a row."""
    cells = line.split("|") if "|" in line else re.split(r"(?:^|\s+)(?=för\s)", line, flags=re.I)
    pieces = [p.strip() for p in cells if p.strip()]
    if not pieces or not all(
        p.casefold().startswith("för ") and len(p.split()) <= 4 and ":" not in p for p in pieces
    ):
        return []
    return [p[4:].strip() for p in pieces]


def _captions(line: str, count: int) -> list[str] | None:
    """ "För arbetsgivaren För Sveriges Lärare" under two names: the side each signs for."""
    pieces = [p.strip() for p in re.split(r"(?:^|\s+)(?=för\s)", line, flags=re.I) if p.strip()]
    if len(pieces) != count or not all(p.casefold().startswith("för ") for p in pieces):
        return _party_row(line.split(), count)
    return [p[4:].strip() for p in pieces]


def _party_row(words: list[str], count: int) -> list[str] | None:
    """ "Vision Sveriges Lärare" under two names: the line cut into that many parties."""
    if count == 0:
        return [] if not words else None
    for size in (1, 2, 3):
        head = " ".join(words[:size])
        if len(words) >= size and is_party(head):
            rest = _party_row(words[size:], count - 1)
            if rest is not None:
                return [head, *rest]
    return None


_PERSONNUMMER = re.compile(r"(?<![\d-])(?:(?:19|20)?(\d{2}))(\d{2})(\d{2})([-+]?)(\d{4})(?![\d])")


def _warnings(text: str) -> list[str]:
    found = 0
    for match in _PERSONNUMMER.finditer(text):
        digits = "".join(match.group(i) for i in (1, 2, 3, 5))
        month, day = int(match.group(2)), int(match.group(3))
        long_form = len(match.group(0).replace("-", "").replace("+", "")) == 12
        if not (match.group(4) or long_form):
            continue  # ten digits without a dash are more often a phone number
        if 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91) and _luhn(digits):
            found += 1
    if not found:
        return []
    return [f"texten innehåller {found} nummer som liknar personnummer eller samordningsnummer"]


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0
