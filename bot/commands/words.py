"""The words people type for sections, outcomes, roles and yes/no, in Swedish and English."""

from __future__ import annotations

from bot.core.model import Outcome, PartyKind, Role, Section


def fold(word: str) -> str:
    """Lower case, single spaces, å/ä/ö as a/a/o: slash commands are often typed in ASCII."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})
    return " ".join(word.casefold().translate(table).split())


SECTIONS: dict[str, Section] = {
    "information": Section.INFORMATION,
    "info": Section.INFORMATION,
    "dialog": Section.DIALOG,
    "beslut": Section.BESLUT,
    "decision": Section.BESLUT,
    "ovrigt": Section.OVRIGT,
    "other": Section.OVRIGT,
    "aob": Section.OVRIGT,
}

OUTCOMES: dict[str, Outcome] = {
    "samverkat": Outcome.SAMVERKAT,
    "samverkad": Outcome.SAMVERKAT,
    "enighet": Outcome.ENIGHET,
    "enig": Outcome.ENIGHET,
    "eniga": Outcome.ENIGHET,
    "agreement": Outcome.ENIGHET,
    "oenighet": Outcome.OENIGHET,
    "oenig": Outcome.OENIGHET,
    "oeniga": Outcome.OENIGHET,
    "disagreement": Outcome.OENIGHET,
    "bordlagt": Outcome.BORDLAGT,
    "bordlaggs": Outcome.BORDLAGT,
    "bordlagd": Outcome.BORDLAGT,
    "tas upp igen": Outcome.BORDLAGT,
    "postponed": Outcome.BORDLAGT,
    "information": Outcome.INFORMATION,
    "noterad": Outcome.INFORMATION,
    "noterat": Outcome.INFORMATION,
    "noted": Outcome.INFORMATION,
    "inget beslut": Outcome.NO_DECISION,
    "no decision": Outcome.NO_DECISION,
    # A board's or committee's own decision, as imported board minutes state it.
    "beslutat": Outcome.DECIDED,
    "decided": Outcome.DECIDED,
}

ROLES: dict[str, Role] = {
    "ordforande": Role.CHAIR,
    "chair": Role.CHAIR,
    "sekreterare": Role.SECRETARY,
    "secretary": Role.SECRETARY,
    "ledamot": Role.MEMBER,
    "medlem": Role.MEMBER,
    "member": Role.MEMBER,
}

PARTY_KINDS: dict[str, PartyKind] = {
    "arbetsgivare": PartyKind.EMPLOYER,
    "arbetsgivaren": PartyKind.EMPLOYER,
    "employer": PartyKind.EMPLOYER,
    "fack": PartyKind.UNION,
    "facklig": PartyKind.UNION,
    "fackforbund": PartyKind.UNION,
    "union": PartyKind.UNION,
}

YES = {"ja", "j", "yes", "y", "gjord", "done", "sant", "true"}
NO = {"nej", "n", "no", "ej gjord", "inte gjord", "not done", "falskt", "false"}
