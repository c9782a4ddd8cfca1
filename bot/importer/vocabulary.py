"""The words of old samverkan minutes: sections, standing items, roles, unions, dates, decisions."""

from __future__ import annotations

import functools
import re
from datetime import date

SECTIONS = ("Inledning", "Information", "Dialog", "Beslut", "Övrigt")
DECISIONS = ("samverkat", "enighet", "oenighet", "bordlagt", "inget beslut", "beslutat", "")

# Numbering that may stand before a heading or title: "§ 3", "3.", "3)", "3.1", "IV.", and
# letters: "B. Information" over its items "B1.", "B2".
_LETTER_NUMBER = r"[A-H]\d{1,2}(?:\.\d{1,2})?[.):]?"
_NUMBERING = (
    r"(?:§\s*\d+[a-z]?\s*[.:)–-]?\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s*|\d{1,2}\.\d{1,2}\s+"
    rf"|\d{{1,2}}\s+(?=[A-ZÅÄÖ])|[IVX]{{1,4}}\.\s+|[A-H][.)]\s+|{_LETTER_NUMBER}\s+)"
)

_SECTION_WORDS = {
    "Inledning": r"inledning|inledande\s+(?:punkter|ärenden|frågor|formalia)"
    r"|(?:mötets\s+)?formalia",
    "Information": r"information|informationsärenden|informationspunkter|informationsfrågor"
    # "Arbetsgivaren informerar": one side's information ("Information från förvaltningen -
    # Verksamhetsplan 2022" is an item's title, the seed of 2021 has it).
    r"|(?:arbetsgivaren|förvaltningen|ledningen)\s+informerar|arbetsgivarinformation"
    r"|(?:(?:ärenden|frågor|punkter)\s+)?för\s+(?:information|kännedom)|info|anmälningsärenden"
    # "4. Stående punkter" over "4.1 Ekonomi", "4.2 Personal": the reports every meeting has.
    r"|stående\s+(?:punkter|frågor|ärenden|rapporter|informationspunkter)"
    # "Information enligt 19 § MBL", "Information enligt MBL § 19": the law's own name for it.
    r"|information\s+enligt\s+(?:mbl\s+)?(?:19\s*§|§\s*19)(?:\s+mbl)?",
    "Dialog": r"dialog|dialogärenden|dialogpunkter|dialogfrågor"
    r"|(?:(?:ärenden|frågor|punkter)\s+)?för\s+(?:dialog|diskussion)"
    r"|diskussionsfrågor|diskussionsärenden|diskussionspunkter",
    "Beslut": r"beslut|beslutsärenden|beslutspunkter|beslutsfrågor"
    # "Ärenden för ställningstagande": what the committee is to take a stand on.
    r"|(?:(?:ärenden|frågor|punkter)\s+)?för\s+(?:beslut|samverkan|ställningstagande)"
    r"|samverkansärenden"
    # "Ärenden att samverka", "Frågor att samverka om", "Punkter att besluta om".
    r"|samverkansfrågor|(?:ärenden|frågor|punkter)\s+att\s+(?:samverka|besluta)(?:\s+om)?"
    r"|samverkan\s+inför\s+beslut|samverkan",  # "Samverkan" heading the items to samverka
    # "Avslutande punkter" closes the meeting as "Inledande punkter" opens it.
    # "Övriga frågor och avslutning": both of the meeting's last parts under one heading.
    "Övrigt": r"(?:övrigt|övriga\s+frågor|övriga\s+ärenden|övriga\s+punkter)"
    r"(?:\s+(?:och|samt)\s+(?:mötets\s+)?avslutning)?"
    r"|avslutande\s+(?:punkter|ärenden|frågor)|avslutning",
}
# Words that head a section only beside one of its own words: "Diskussion och dialog",
# "UPPFÖLJNING OCH INFORMATION", "Information och rapporter". Alone, "Uppföljning" or
# "Diskussion" is as often an item's title or a heading inside an item.
_SECTION_COMPANIONS = {
    # "2 Uppföljning och information" over "2.1 …": the reports and what they follow up.
    "Information": r"uppföljning|uppföljningar|rapporter|rapportering|återrapportering"
    r"|lägesrapporter|meddelanden",
    "Dialog": r"diskussion|diskussioner|samtal|reflektion",
}
_JOINED = r"\s*(?:,|&|\s(?:och|samt))\s*"


def _section_heading(section: str, words: str) -> str:
    """A section's words, or two of them (or one and a companion) joined: "Samverkan och beslut",
    "Diskussion och dialog"; two sections' words joined ("Information och dialog") name neither."""
    either = "|".join(filter(None, (words, _SECTION_COMPANIONS.get(section))))
    return rf"(?:{words})(?:{_JOINED}(?:{either}))?|(?:{either}){_JOINED}(?:{words})"


_SECTION_ALTERNATIVES = "|".join(
    f"(?P<s{i}>{_section_heading(name, words)})"
    for i, (name, words) in enumerate(_SECTION_WORDS.items())
)
# "(MBL § 19)" and the like may follow a section word.
_LAW_NOTE = r"(?:\s*\((?:enligt\s+)?(?:mbl|lag)[^)]*\))?"
_SECTION_LINE = re.compile(
    rf"^{_NUMBERING}?(?:{_SECTION_ALTERNATIVES}){_LAW_NOTE}\s*:?$", re.IGNORECASE
)
_SECTION_PREFIX = re.compile(
    rf"^(?:{_SECTION_ALTERNATIVES}){_LAW_NOTE}\s*(?::|\s[–—-])\s*(?P<rest>\S.*)$", re.IGNORECASE
)

_AGENDA_LINE = re.compile(
    r"^(?:ärendelista|dagordning|föredragningslista|agenda|ärenden|mötets\s+ärenden)\s*:?$",
    re.IGNORECASE,
)

# Who the meeting chooses to run and record it: "Val av protokollförare och justerare",
# "Val av mötesordförande, sekreterare och justerare" open the meeting whatever their order.
_OFFICERS = (
    r"(?:möte(?:ts|s)?|stämmo)?(?:ordförande|sekreterare|protokollförare|(?:protokolls?)?justerare"
    r"|justeringspersoner|justeringsperson|rösträknare)"
)
# The next meeting by any of its names: "Nästa möte", "Nästa APT", "Nästa informationsmöte",
# "Nästa arbetsplatsträff".
_NEXT_MEETING_ITEM = r"(?:[\wåäö]*möte|sammanträde|[\wåäö]*träff|mötestillfälle|apt)\b"
# Items every meeting has; they start an item wherever they stand.
_STANDING = re.compile(
    rf"^(?:[\wåäö]*(?:mötets|stämmans)\s+öppnande|öppnande"
    rf"|val\s+av\s+(?:en|ett|två|tre|\d)?\s*{_OFFICERS}\b"
    # A brf's stämma: "Anmälan av stämmoordförandens val av protokollförare".
    rf"|anmälan\s+av\s+[\wåäö]+\s+val\s+av\s+{_OFFICERS}\b"
    # A förening's formalities: "Fastställande av röstlängd", "Fråga om mötet har utlysts i
    # behörig ordning", "Mötets behöriga utlysande", "Fråga om kallelse behörigen skett".
    # "Upprättande och godkännande av röstlängd": two of those nouns joined.
    r"|(?:fastställande|godkännande|upprättande)(?:\s+(?:och|samt)\s+(?:fastställande"
    r"|godkännande|upprättande))?\s+av\s+röstlängd(?:en)?\b"
    r"|(?:fråga\s+om\s+)?(?:mötets|stämmans)\s+behöriga\s+utlysande"
    # "Fråga om mötet är behörigen utlyst", "… har i behörig ordning kallats" too; "Frågan om
    # mötet utlysts i behörig ordning", the question named in its definite form.
    # A bolagsstämma's "Prövning av om stämman blivit behörigen sammankallad": the question
    # by the noun of its trial, the calling by "sammankallad".
    r"|(?:frågan?\s+om|prövning\s+av\s+(?:om|huruvida))\s+(?:års)?(?:mötet|stämman)\s+"
    r"(?:har\s+|är\s+)?(?:blivit\s+)?(?:behörigen\s+|i\s+behörig\s+ordning\s+)?"
    r"(?:utlysts|utlyst|kallats|kallat|sammankallad|sammankallats)\b"
    r"|frågan?\s+om\s+kallelse(?:n)?\b[^.]{0,30}?\b(?:behörigen|behörig|skett|utfärdats)\b"
    r"|inledning\s+(?:och|samt)\s"  # "Inledning och val av justerare": the opening and more
    # "Inledning av mötet", "Inledning av sammanträdet": the opening by another name.
    r"|inledning\s+av\s+(?:mötet|sammanträdet|förhandlingen|träffen)$"
    # "§2 Justering", "Justering av protokollet": the choice of justerare by another name;
    # "§ 58 Protokollsjusterare": the officer's name alone.
    r"|protokollsjusterare$|justeringsperson(?:er)?$|justeringsmän$"
    r"|(?:protokollets\s+)?justering(?:\s+av\s+(?:dagens\s+)?"
    r"(?:protokoll(?:et)?|(?:minnes)?anteckningar(?:na)?))?$"
    r"|(?:godkännande|fastställande)\s+av\s+(?:dagordning|ärendelista|föredragningslista)"
    # A negotiation's agenda: "Fastställande av förhandlingsordning och underlag".
    r"|(?:godkännande|fastställande)\s+av\s+förhandlingsordning"
    # "Föregående protokoll", "… mötesprotokoll", "… APT-protokoll", "… styrelseprotokoll".
    # "Föregående mötes protokoll", "… mötes anteckningar": the meeting's word apart.
    r"|föregående\s+(?:mötes\s+|möte\s+|sammanträdes\s+)?[\wåäöÅÄÖ-]*(?:anteckningar|protokoll)\b"
    r"|genomgång\s+av\s+föregående"
    r"|uppföljning\s+av\s+föregående\s+(?:mötes|minnes)?(?:anteckningar|protokoll|möte)"
    # "Uppföljning av föregående APT", "… arbetsplatsträff": the last meeting by its name.
    r"|uppföljning\s+av\s+(?:föregående|förra)\s+(?:apt|arbetsplatsträff|sammanträde|träff)"
    # "Förra mötets protokoll", "Förra APT:ns anteckningar", "… arbetsplatsträffens minnes…".
    r"|förra\s+[\wåäöÅÄÖ:-]+\s+(?:minnes)?(?:anteckningar|protokoll)\b"
    # "Välkomna och val av justerare": a greeting that opens the meeting.
    r"|välkom(?:men|na)(?:\s+(?:och|samt)\s|\s*$)"
    # "Upprop", "Närvarokontroll och val av justerare": the roll call opens a board's meeting.
    r"|(?:upprop|närvarokontroll|närvaroupprop)(?:\s+(?:och|samt)\s|\s*$)"
    # "Dagordning" alone above "Dagordningen godkändes.": the agenda's approval.
    rf"|föredragningslista(?:n)?(?:\s|$)|(?:dagordning|ärendelista)(?:en|n)?$"
    # "Dagordningen godkänns", "Ärendelistan fastställs": the approval as the title's sentence,
    # as "Mötet öppnas" is the opening's.
    r"|(?:dagordning|ärendelista)(?:en|n)\s+(?:godkänns|godkändes|fastställs|fastställdes|antas"
    r"|antogs)\.?$"
    # "Dagordning och föregående protokoll", "Ärendelista samt val av justerare": the agenda
    # with another standing item.
    r"|(?:dagordning|ärendelista)(?:en|n)?\s+(?:och|samt)\s+(?:föregående|förra|val\s+av|justering)"
    rf"|nästa\s+{_NEXT_MEETING_ITEM}|mötets\s+avslutande|stämmans\s+avslutande"
    r"|avslutning"
    r"|(?:mötet|sammanträdet|förhandlingen)\s+(?:öppnas|avslutas)|(?:mötets|sammanträdets"
    r"|förhandlingens)\s+(?:öppnande|avslutande)"
    r"|föregående\s+protokoll|förhandlingsordning|övriga\s+(?:frågor|ärenden|punkter)$)",
    re.IGNORECASE,
)
# The agenda's approval by its titles: "Godkännande av dagordning", "Fastställande av
# föredragningslistan", "Ärendelista".
_AGENDA_APPROVAL = re.compile(
    r"^(?:(?:godkännande|fastställande|antagande)\s+av\s+(?:dagens\s+)?)?"
    r"(?:dagordning|ärendelista|föredragningslista)(?:en|n)?\b",
    re.IGNORECASE,
)


def is_agenda_approval(title: str) -> bool:
    return bool(_AGENDA_APPROVAL.match(title.strip()))


# Standing items that close a meeting: without sections they land in Övrigt.
_CLOSING_ITEM = re.compile(
    # "Mötets avslutande", "Sammanträdets avslutning": the meeting's end by either noun.
    r"^(?:(?:mötets|sammanträdets|förhandlingens|stämmans|årsmötets)\s+avslut(?:ande|ning)"
    r"|(?:mötet|sammanträdet|förhandlingen)\s+avslutas|avslutning"
    # "Förhandlingen förklaras avslutad", "Mötet förklaras avslutat": the close as a title.
    r"|(?:mötet|sammanträdet|förhandlingen)\s+förklara(?:s|des)\s+avslutad?t?\b"
    rf"|nästa\s+{_NEXT_MEETING_ITEM})",
    re.IGNORECASE,
)

# Headings inside an item: they belong to its text, they never start an item.
_SUBHEADING = re.compile(
    r"^(?:fackliga?\s+inspel|fackligt\s+inspel|fackliga\s+synpunkter"
    # "Protokollsanteckning från Vision", "Protokollsanteckning Vårdförbundet": whose note it is.
    r"|protokollsanteckning(?:ar)?(?:\s+(?:(?:från|av)\s+)?[^:\s][^:]{0,40})?"
    r"|arbetsgivarens\s+(?:svar|kommentar|kommentarer|förslag)|bakgrund|förslag\s+till\s+beslut"
    r"|riskbedömning|synpunkter|kommentarer|diskussion|underlag|bilagor?|\w+:s\s+synpunkter"
    r"|reservation(?:er)?|yrkanden?|beslutsunderlag|propositionsordning|särskilt\s+yttrande"
    # "Beslutsgång", "Omröstning": how a nämnd reached the decision, under its § item.
    r"|beslutsgång|omröstning(?:sresultat)?|votering"
    r"|ärendebeskrivning|ärendet|beskrivning\s+av\s+ärendet|sammanfattning(?:\s+av\s+ärendet)?"
    r"|ärendets\s+beredning|beredning|handlingar|beslutsförslag"
    r"|beslutet\s+(?:skickas|expedieras)\s+till|expedieras\s+till|skickas\s+till)"
    r"\s*:?$",
    re.IGNORECASE,
)

BULLET = re.compile(
    r"^(?:[•●▪■◦○·‣⁃*\uf0b7\uf0a7\uf076\uf0d8]|[-–—](?=\s)|o(?=\s+[A-ZÅÄÖ]))\s*(.*)$"
)
# "§ 12", and the labels some minutes number their items with instead: "Ärende 3:", "Punkt 4",
# "Dagordningspunkt 3:".
ITEM_LABELS = r"ärende|punkt|paragraf|dagordningspunkt|ärendepunkt"
PARAGRAPH_NUMBER = re.compile(
    rf"^(?:§\s*|(?:{ITEM_LABELS})\s+)\d+[a-z]?\s*[.:)–-]?\s*(.*)$", re.IGNORECASE
)
# "3. Budget", "3) Budget", "3.1 Budget", and "3 Budget" with no full stop (a capital after it).
LIST_NUMBER = re.compile(
    rf"^(?:\d{{1,2}}[.)]|\d{{1,2}}\.\d{{1,2}}\.?|\d{{1,2}}(?=\s+[A-ZÅÄÖ])|{_LETTER_NUMBER})\s+(.*)$"
)
# Lettered sub-items ("a) Vårfest i maj") belong to the item above them.
LETTERED = re.compile(r"^[a-h]\)\s+(.*)$")

# Words that end a wrapped line of prose, never a title.
# Nouns a number follows in a title ("årskurs 4–6", "etapp 2", "kvartal 3", "avdelning 3"): a
# title ending in one at a line's end is cut before its number, which opens the next line.
COUNTED_NOUNS = frozenset(
    [
        "årskurs",
        "årskurserna",
        "etapp",
        "kvartal",
        "tertial",
        "avdelning",
        "område",
        "fas",
        "steg",
        "del",
        "vecka",
        "veckorna",
        "våning",
        "hus",
        "linje",
        "zon",
        "punkt",
        "paragraf",
        "kapitel",
        "bilaga",
        "nivå",
    ]
)

# Abbreviations whose full stop ends no sentence, before the number they name: "arbetsstart
# kl. 06.00", "bilaga nr. 3", "ca. 40 personer".
NUMBER_ABBREVIATIONS = ("kl", "nr", "ca", "tel", "tfn")

CONNECTIVES = frozenset(
    [
        "och",
        "att",
        "som",
        "för",
        "i",
        "på",
        "med",
        "till",
        "av",
        "om",
        "eller",
        "men",
        "de",
        "det",
        "den",
        "en",
        "ett",
        "är",
        "var",
        "har",
        "hade",
        "kan",
        "ska",
        "skall",
        "vid",
        "från",
        "under",
        "efter",
        "inom",
        "samt",
        "så",
        "då",
        "när",
        "vilket",
        "vilka",
        "utan",
        "mot",
        "hos",
        "dels",
        "både",
        "inte",
        "också",
        "även",
        "man",
        "vi",
        "hur",
        "vad",
        "sin",
        "sitt",
        "sina",
        "bland",
        "enligt",
        "kring",
        "än",
        "mer",
        # "… förhandling enligt 11 §" + "MBL innan …": a paragraph sign waits for its law.
        "§",
    ]
)

# The kind of group or meeting, from the header's words; the first that matches wins.
GROUP_KINDS = (
    # "11 § lagen (1976:580) om medbestämmande i arbetslivet (MBL)": the law named in full.
    (
        "MBL §11",
        r"(?<!\w)(?:mbl\s*§\s*11|11\s*§\s*mbl|§\s*11\s*mbl|mbl\s*11\s*§)"
        r"|\b11\s*§\s*lagen\b.*medbestämmande|\bförhandling\s+enligt\s+(?:§\s*11|11\s*§)",
    ),
    (
        "MBL §19",
        r"(?<!\w)(?:mbl\s*§\s*19|19\s*§\s*mbl|§\s*19\s*mbl|mbl\s*19\s*§)"
        r"|\b19\s*§\s*lagen\b.*medbestämmande|\binformation\s+enligt\s+(?:§\s*19|19\s*§)"
        # "Protokoll från informationsmöte enligt 19 §" with "MBL" broken onto the next line.
        r"|\binformations\w*\s+enligt\s+(?:§\s*19|19\s*§)",
    ),
    # "Central förhandling enligt 14 § lagen (1976:580) om medbestämmande …": the central
    # negotiation after a local one ended in oenighet; after §11 and §19, which a header that
    # names both (a §11 protocol "begär central förhandling enligt 14 §") means.
    (
        "MBL §14",
        r"(?<!\w)(?:mbl\s*§\s*14|14\s*§\s*mbl|§\s*14\s*mbl|mbl\s*14\s*§)"
        r"|\b14\s*§\s*lagen\b.*medbestämmande",
    ),
    # An arbetsmiljökommitté is the skyddskommitté of AML 6 kap. 8 § by the employer's own
    # name; the sets' writers (sixth-dev, sixteenth, eighteenth) all file it so.
    ("skyddskommitté", r"\b(?:skydds|arbetsmiljö)kommitt[ée](?:n|ns|s)?\b"),
    ("LSG", r"\bLSG\b|\blokal(?:a)?\s+samverkansgrupp"),
    ("CSG", r"\bCSG\b|\bcentral(?:a)?\s+samverkansgrupp"),
    # Arbetsplatssamverkan by its own name: "ASG", "APT/ASG", "Arbetsplatsträff med samverkan
    # (ASG)". An "arbetsplatsträff med samverkan" without that acronym is an APT that samverkar,
    # as the sets' writers expect (fifth, seventh).
    ("ASG", r"\bASG\b|\barbetsplatssamverkan"),
    # "Arbetsplatsmöte", as some workplaces call their APT.
    ("APT", r"\bAPT\b|\barbetsplatsträff(?:en|ar)?\b|\barbetsplatsmöte(?:t|n|ts)?\b"),
    # "Kommunstyrelsens personalutskott": the committee's own word, "Personalutskott".
    ("{}", r"\b(?P<kind>[a-zåäö]+utskott)(?:et|ets)?\b"),
    # "Styrelsemöte", "styrelsens sammanträde", "sammanträde med styrelsen".
    ("styrelse", r"\bstyrelse(?:ns?|möte[nt]?|mötets|sammanträde[nt]?|protokoll(?:et)?)?\b"),
    # A kommunalförbund's board: "Direktionen", "Förbundsdirektionen", "direktionens sammanträde".
    ("styrelse", r"\b(?:förbunds)?direktion(?:en|ens)?\b"),
    # A förening's meeting of its members, which decides for the förening.
    # A brf's or an ekonomisk förening's "ordinarie föreningsstämma" (årsstämma) is its årsmöte.
    (
        "årsmöte",
        r"\b(?:ordinarie\s+|extra\s+)?(?:årsmöte(?:t|ts)?|förenings(?:stämma|stämman|stämmans)"
        r"|årsstämma(?:n|ns)?)\b",
    ),
    # "Socialnämnden" alone on its line, or in a header table's cell beside the protocol's
    # word ("Barn- och utbildningsnämnden | Protokoll 2026:2", tab- or space-set in a text);
    # a district's nämnd with its district's name after it ("Stadsdelsnämnden Norrvik",
    # "Kommundelsnämnden Västra Berga"), one or two words in capitals.
    (
        "nämnd",
        # "Protokoll från Kultur- och fritidsnämnden", "Tekniska nämnden", "Gemensamma
        # nämnden för hjälpmedel": the protocol's word before it, an adjective of two words.
        # "Protokoll – Tekniska nämnden": the protocol's word set off by a dash or a colon.
        r"(?:^|\|)\s*(?:(?:sammanträdes)?protokoll(?:\s+(?:från|för)|\s*[–—:-])?\s+)?"
        r"(?:[\wåäöÅÄÖ-]+(?:\s+och\s+[\wåäö-]+)?nämnden?|[\wåäöÅÄÖ]+a\s+[\wåäö-]*nämnden)"
        r"(?:\s+(?-i:[A-ZÅÄÖ])[\wåäö-]+){0,2}"
        # "Kollektivtrafiknämnden, Region Västerskog", "Miljönämnden, Ekby kommun": the
        # region or municipality the nämnd is of, after a comma.
        r"(?:,\s+(?:(?:region|landstinget)\s+(?-i:[A-ZÅÄÖ])[\wåäö-]+"
        r"|(?:(?-i:[A-ZÅÄÖ])[\wåäö-]+\s+){1,2}(?:kommun|stad|region|landsting)))?"
        r"\s*(?:$|\||\s(?=(?:sammanträdes)?protokoll\b))|sammanträdesprotokoll",
    ),
)
_GROUP_KINDS = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in GROUP_KINDS]


_OWN_ACRONYM = re.compile(r"\((?P<acronym>[A-ZÅÄÖ]{2,5})\)")


# "Anders Lövgren (S), direktionens ordförande", "Pia Ek, styrelsens sekreterare": a body
# named in the genitive before an office a person holds there is that person's role in a list of
# those present, not the meeting's kind.
_OFFICE_OF_BODY = re.compile(
    r"\b[\wåäö-]+(?:ens|ns|ets|ts|és)\s+(?:vice\s+|förste\s+|andre\s+)?"
    r"(?:ordförande|sekreterare|ledamot|ledamöter|ersättare|representant(?:er)?)\b",
    re.IGNORECASE,
)


# Asked of the same header lines many times over (each way of joining them); a pure function.
@functools.lru_cache(maxsize=8192)
def group_kind_of(line: str) -> str:
    """ "MBL §11", "skyddskommitté", "LSG", "styrelse", "nämnd" for a header line, else ""."""
    line = _OFFICE_OF_BODY.sub(" ", line)
    for own in _OWN_ACRONYM.finditer(line):
        # "Arbetsplatsträff med samverkan (APT)": the group's own short name says its kind.
        named = group_kind_of(own["acronym"])
        if named:
            return named
    for kind, pattern in _GROUP_KINDS:
        match = pattern.search(line)
        if match:
            named = match.groupdict().get("kind")
            return kind.format(named.capitalize()) if named else kind
    return ""


# "SAMMANTRÄDESPROTOKOLL" heads a nämnd's minutes, but a kommunalförbund's direktion and a
# nämnd's utskott head theirs so too: the word alone is the weakest sign of a nämnd, and gives
# way to the body a header line names ("Direktionen", "Arbetsutskottet").
_SESSION_PROTOCOL = re.compile(r"sammanträdesprotokoll", re.IGNORECASE)


def is_session_protocol_only(line: str) -> bool:
    """ "SAMMANTRÄDESPROTOKOLL" alone names no nämnd; "Socialnämnden  Sammanträdesprotokoll"
    does."""
    return group_kind_of(line) == "nämnd" and group_kind_of(_SESSION_PROTOCOL.sub(" ", line)) == ""


# Kinds whose items are decided by the body that meets (a board, a committee, a negotiation).
DECIDING_KINDS = frozenset({"MBL §11", "MBL §14", "styrelse", "nämnd", "årsmöte"})


def is_deciding_kind(kind: str) -> bool:
    """A board, a nämnd or its utskott, a negotiation: the body that meets decides."""
    return kind in DECIDING_KINDS or kind.casefold().endswith("utskott")


# Groups that samverkar or negotiate record samverkat, enighet, oenighet or a postponement, never
# a decision of their own (no key of any set has "beslutat" for them): "Regionfullmäktige
# fastställer ramarna i juni" in an MBL §19 meeting reports what another body decides.
SAMVERKAN_KINDS = frozenset(
    {"FSG", "VSG", "FSG/VSG", "LSG", "CSG", "ASG", "MBL §11", "MBL §14", "MBL §19"}
)


def is_samverkan_kind(kind: str) -> bool:
    """A samverkan group or a negotiation under MBL: it takes no decisions of a board's kind."""
    return kind in SAMVERKAN_KINDS


_ROLE_WORDS = frozenset(
    [
        "ordförande",
        "ordföranden",
        "sekreterare",
        "sekreteraren",
        "hr",
        "hr-chef",
        "hr-strateg",
        "hr-konsult",
        "hr-specialist",
        "hr-partner",
        "fc",
        "vc",
        "vd",
        "vd:n",
        "ec",
        "sc",
        "förvaltningschef",
        "förvaltningschefen",
        "verksamhetschef",
        "verksamhetschefen",
        "enhetschef",
        "enhetschefen",
        "sektionschef",
        "sektionschefen",
        "avdelningschef",
        "avdelningschefen",
        "direktör",
        "direktören",
        "socialdirektör",
        "socialdirektören",
        "arbetsgivaren",
        "arbetsgivare",
        "arbetsgivarsidan",
        "skyddsombud",
        "huvudskyddsombud",
        "arbetsmiljöombud",
        "ekonom",
        "controller",
        "rektor",
        "rektorn",
        "ordf",
        "kassör",
        "kassören",
        "samtliga",
        "fackliga",
        "facket",
        "ledningen",
        "ledningsgruppen",
    ]
)
# "miljöinspektör", "livsmedelsinspektören": an inspector of any field presents as a strateg does.
_ROLE_SUFFIXES = (
    "chef",
    "chefen",
    "direktör",
    "direktören",
    "strateg",
    "ansvarig",
    "samordnare",
    "inspektör",
    "inspektören",
)

# Roles that present but do not speak for the employer: "skyddsombud", "miljöinspektör" (staff
# who may be union members: "Sara Lindgren, miljöinspektör och skyddsombud (Vision)").
_STAFF_SUFFIXES = ("ombud", "inspektör", "inspektören")

# Words before a role that keep it a role: "biträdande rektor", "tf enhetschef".
_ROLE_MODIFIERS = frozenset(
    ["biträdande", "bitr", "tf", "t.f", "tillförordnad", "ställföreträdande", "vice", "förste"]
)
_SHARED_COMPOUND = re.compile(r"\b[\wåäöÅÄÖ]+-\s+(?:och|eller|samt)\s+(?=\w)")

_UNIONS = frozenset(
    [
        "akademikerförbundetssr",
        "ssr",
        "kommunal",
        "vision",
        "vårdförbundet",
        "fastighets",  # Fastighetsanställdas förbund, as its members write it
        "sverigesarkitekter",
        "sverigesingenjörer",
        "lärarförbundet",
        "lärarnasriksförbund",
        "sverigeslärare",
        "ledarna",
        "saco",
        "sacos",  # Saco-S: keys are written without hyphens and spaces
        # The state's unions: OFR's sections (OFR/S, OFR/ST, OFR/P, OFR/O) and Fackförbundet ST.
        "ofr",
        "ofr/s",
        "ofr/st",
        "ofr/p",
        "ofr/o",
        "fackförbundetst",
        "sktf",
        "fysioterapeuterna",
        "psykologförbundet",
        "sverigespsykologförbund",
        "läkarförbundet",
        "sverigesläkarförbund",
        "akavia",
        "jusek",
        "dik",
        "naturvetarna",
        "sverigesskolledare",
        "skolledarförbundet",
        "unionen",
        # The unions of municipal companies' and regions' staff (energy, water, transport, care).
        "seko",
        "ifmetall",
        "byggnads",
        "elektrikerförbundet",
        "handels",
        "gs",
        "sverigesarbetsterapeuter",
        "sverigesfarmaceuter",
        "tjänstetandläkarna",
        "sverigesveterinärförbund",
        "tco",
        "lo",
        "sacoförbunden",
        # The tenants' and pensioners' organisations that sit in a housing company's
        # hyresgästråd or a municipality's pensionärsråd as the unions sit in a samverkan
        # group: "Kjell Nord | Hyresgästföreningen" in the table gives the justerare's side.
        "hyresgästföreningen",
        "spfseniorerna",
        # More of a råd's organisations named with more than their letters ("Inger Sand, SKPF
        # Pensionärerna"); PRO, DHR alone are letters, an acronym, already.
        "skpfpensionärerna",
        "funktionsrätt",
        "arbetsgivaren",
        "arbetsgivare",
        "arbetsgivarsidan",
        "arbetsgivarna",
        "hr",
        "ledningen",
        "förvaltningen",
        "fackliga",
        "facket",
    ]
)

# Any Latin letter, not only Swedish ones: "Dragana Ilić", "Łukasz Nowak", "Zoë Núñez" sign
# minutes too. The classes are built from the Latin blocks of Unicode, not listed by hand.
_LATIN = [chr(code) for code in range(0x41, 0x250)]
UPPER = "[" + "".join(c for c in _LATIN if c.isupper()) + "]"
_LOWER = "".join(c for c in _LATIN if c.islower())
NAME_TOKEN = rf"{UPPER}[{_LOWER}'’]+(?:-{UPPER}[{_LOWER}'’]+)?"
_NAME = re.compile(
    rf"^{NAME_TOKEN}(?:\s+(?:(?:von|af|de|van|der|la|le|da|di|del)\s+)?{NAME_TOKEN}){{1,2}}$"
)
_ACRONYM = re.compile(r"^[A-ZÅÄÖ]{2,6}$")

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "mars": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augusti": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
MONTH_NAMES = _MONTH_NAMES


def month_number(name: str) -> int:
    """3 for "mars", "Mars", "mar"."""
    return _MONTHS[name.casefold()]


# 2024-03-12, 12 mars 2024, and day first: "12/3 2024", "12.03.2024".
DATE_PATTERN = (
    r"(?:(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}"
    rf"|\d{{1,2}}(?::?[ae])?\s+(?:{_MONTH_NAMES})\.?\s+(?:19|20)\d{{2}}"
    r"|\d{1,2}/\d{1,2}\s+(?:19|20)\d{2}|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})"
)
_DATE = re.compile(
    r"(?<![\d])(?:(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?![\d])"
    rf"|(?P<d2>\d{{1,2}})(?::?[ae])?\s+(?P<mon>{_MONTH_NAMES})\.?\s+(?P<y2>(?:19|20)\d{{2}})"
    r"|(?P<d3>\d{1,2})(?:/(?P<m3>\d{1,2})\s+|\.(?P<m4>\d{1,2})\.)(?P<y3>(?:19|20)\d{2})(?![\d]))",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(
    rf"^(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\s+)?(?:den\s+)?"
    rf"{DATE_PATTERN}$",
    re.IGNORECASE,
)
_PAGE = (
    r"(?:(?:sid|sida|sidan|page|s\.)\s*\d{1,3}(?:\s*(?:\(\s*\d{1,3}\s*\)|(?:av|of|/)\s*\d{1,3}))?"
    r"|\d{1,3}\s*\(\s*\d{1,3}\s*\)|\d{1,3}\s*(?:av|/)\s*\d{1,3}|-\s*\d{1,3}\s*-)"
)
_PAGE_LINE = re.compile(rf"^(?:{DATE_PATTERN}\s+)?{_PAGE}(?:\s+{DATE_PATTERN})?$", re.IGNORECASE)
_LONE_NUMBER = re.compile(r"^\d{1,3}$")

# The central negotiation by its name, which a side asks for when a local one ended in oenighet.
_REFERRAL = (
    r"\bcentral(?:a)?\s+förhandling|\bförhandling\s+enligt\s+(?:mbl\s*)?(?:§\s*14|14\s*§)"
    r"|\bmbl\s*§\s*14\b|\b14\s*§\s*mbl\b"
)
_OENIGHET = re.compile(
    r"\boeni(?:g|ga|ghet)\b|\boense\b|\bst(?:äller|ällde)\s+sig\s+inte\s+bakom\b|\b(?:inte|ej|icke)\s+(?:är\s+)?(?:eniga?|överens|ense)\b|\bingen\s+enighet\b"
    # "Vision begär central förhandling": the local negotiation ended in disagreement.
    rf"|{_REFERRAL}|\breserver(?:ar|ade)\s+sig\b"
    # "Kommunal delar inte arbetsgivarens bedömning": a side that does not share the view.
    r"|\bdelar\s+inte\s+(?:\w+s\s+)?(?:bedömning|uppfattning|syn|förslag)\w*"
    # A template's answer: "Enighet: Nej", "Samverkat: Nej, …"; "Kommunal motsätter sig …".
    r"|\b(?:enighet|eniga|överens)\s*:\s*nej\b|\bmotsätter\s+sig\b|\bmotsatte\s+sig\b"
    # "Vision avstyrker flytten", "lämnar en avvikande mening", "Parterna kunde inte enas".
    r"|\bavstyrk(?:er|te|t|s)\b|\bavvikande\s+mening\b"
    r"|\b(?:inte|ej|icke)\s+(?:kunnat\s+|kunde\s+)?(?:enas|enats|enades)\b"
    r"|\b(?:kunde|kan|har)\s+(?:inte|ej)\s+(?:kunnat\s+)?(?:enas|enats)\b"
    # "Vision tillstyrker inte förslaget", "Ingen överenskommelse nåddes": agreement denied.
    r"|\btillstyrk(?:er|te|t|s)\s+(?:inte|ej)\b|\b(?:ingen|inte\s+någon)\s+överenskommelse\b"
    r"|\b(?:inte|ej)\s+(?:träffat|träffats|nått|nåtts|kunnat\s+träffa)\s+(?:någon\s+|en\s+)?"
    r"överenskommelse\b",
    re.IGNORECASE,
)
# The next meeting by any of its names: "nästa möte", "nästa LSG", "nästa samverkansmöte".
_NEXT_MEETING = (
    r"(?:möte|mötet|sammanträde|styrelsemöte|träff|samverkan|samverkansmöte|fsg|vsg|lsg|asg|csg"
    r"|apt|skyddskommitté|skyddskommittémöte)\b"
)
_BORDLAGT = re.compile(
    r"\bbordl(?:ägg|ägga|äggs|ades|agt|agd|agda|äggning)\w*|\btas\s+upp\s+igen\b"
    r"|\b(?:vill|kan)\s+inte\s+fatta\s+beslut\b|\bskjuts\s+upp\b|\bskjuts\s+till\b"
    r"|\btas\s+upp\s+(?:på|vid)\s+nästa\b|\bbetänketid\b"
    rf"|\båterkomm(?:er|a)\b[^.]*?\bnästa\s+{_NEXT_MEETING}"
    rf"|\btar\b[^.]{{0,80}}?\bmed\s+sig\b[^.]{{0,60}}?\bnästa\s+{_NEXT_MEETING}"
    r"|\btar\s+upp\b[^.]{0,40}?\bigen\b|\bflyttas\s+till\s+nästa\b|\båterupptas\b"
    r"|\btas\s+med\s+till\s+nästa\b"
    # "Frågan flyttas till fortsatt förhandling den 23 juni", "… förs till ett senare möte".
    r"|\b(?:flyttas|förs|hänskjuts)\s+(?:över\s+)?till\s+(?:en\s+|ett\s+)?(?:fortsatt|fortsatta"
    r"|ny|nytt|senare|kommande|nästkommande|extra)\s+(?:förhandling|förhandlingstillfälle|möte"
    r"|sammanträde|mötestillfälle|tillfälle)\b"
    # "Frågan flyttas till CSG i juni", "… flyttas till mötet den 4 maj", "… till september":
    # moved to a meeting on a later day (without one, "flyttas till CSG" hands it elsewhere);
    # the item moves, not people or a unit ("Personalen flyttas till Solgården i juni").
    r"|\b(?:frågan|ärendet|punkten|beslutet|beslutsfrågan|dialogen|diskussionen|behandlingen"
    r"|förhandlingen)\b[^.]{0,60}?\bflyttas\s+(?:över\s+)?till\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:i\s+|den\s+\d{{1,2}}\s+)?(?:{_MONTH_NAMES})\b"
    # "Arbetsutskottet beslutar att återkomma i ärendet": the body puts it off itself.
    r"|\bbeslutar\s+att\s+återkomma\b"
    # "Dialogen fortsätter i november" waits for a later meeting; "… fortsätter i schemagruppen",
    # "… inom arbetsmiljögruppen" goes on in another forum, and this group has nothing pending.
    rf"|\b(?:dialogen|samtalet|diskussionen)\s+fortsätter\b(?!\s+(?:i|inom|via|genom|hos|med)\s+"
    rf"(?!(?:{_MONTH_NAMES}|nästa|kommande|början|slutet|hösten|höst|våren|vår|sommaren|sommar"
    r"|vintern|vinter)\b))"
    r"|\bfortsätter\s+(?:samtalet|dialogen|diskussionen)\b[^.]{0,40}?\bnästa\b"
    # The noun: "Fortsatt dialog på nästa möte", "Fortsatt diskussion i maj".
    r"|\bfortsatt\s+(?:dialog|diskussion|samtal|behandling|förhandling)\s+(?:på|vid|under|i|till)\s+"
    rf"(?:nästa|kommande|{_MONTH_NAMES}|hösten|våren|sommaren|vintern)\b"
    # "Fortsatt förhandling den 23 juni": a day of its own for it.
    rf"|\bfortsatt\s+(?:förhandling|behandling)\s+(?:sker\s+|hålls\s+)?den\s+\d{{1,2}}\s+(?:{_MONTH_NAMES})\b"
    # "Frågan är vilande tills …", "Ärendet läggs vilande", "vilandeförklaras".
    r"|\b(?:är|läggs|lades|förklaras|förklarades)\s+vilande\b|\bvilandeförklar\w*"
    r"|\bvilar\s+(?:tills\s+vidare|till|i\s+avvaktan)\b"
    r"|\båterremitter\w*|\bskjuts\s+fram\b|\bhänskjuts\s+till\s+nästa\b|\bajourner\w*"
    r"|\bbeslut\s+(?:fattas|tas)\s+(?:vid|på)\s+nästa\s+(?:möte|sammanträde)\b|\btas\s+upp\s+(?:den\s+|frågan\s+)?igen\b",
    re.IGNORECASE,
)
_INGET_BESLUT = re.compile(
    r"\binga\s+beslut\b|\binget\s+beslut\b|\bej\s+beslut\b|\bbeslut\s+(?:togs|fattades)\s+inte\b",
    re.IGNORECASE,
)
_SAMVERKAT = re.compile(
    r"(?<!inte\s)(?<!ej\s)\b(?:färdig)?samverka(?:t|ts|des|d|de)\b(?!\s*:\s*nej\b)"
    # "Samverkan avslutad.", "Samverkan har skett.", "Samverkan har genomförts.".
    r"|\bsamverkan\s+(?:är\s+|har\s+)?(?:genomförd|genomförts|klar|avslutad|avslutats|skett"
    r"|gjorts)\b",
    re.IGNORECASE,
)
# "Revisorerna tillstyrker ansvarsfrihet": advice to the meeting from outside it, no agreement.
_ADVISED = r"(?<!revisorerna\s)(?<!revisorn\s)(?<!revisor\s)(?<!valberedningen\s)"
_ENIGHET = re.compile(
    r"\beni(?:g|ga)\b|\benighet\b|\böverens\b|\bsamstämmiga\b|\binga\s+invändningar\b"
    rf"|\bst(?:äller|ällde)\s+sig\s+bakom\b|\bense\b|\benades\b|{_ADVISED}\btillstyrk(?:er|te|t|s)\b"
    # "Överenskommelse träffades", "Parterna träffade en överenskommelse"; "Vision har ingen
    # erinran mot förslaget" agrees as "inga invändningar" does.
    r"|\böverenskommelse\s+(?:träffades|nåddes|har\s+träffats|har\s+nåtts)\b"
    r"|\b(?:träffade|träffar|nådde)\s+(?:en\s+)?överenskommelse\b"
    r"|\b(?:ingen|inga)\s+erinr(?:an|ingar)\b|\binget\s+att\s+erinra\b",
    re.IGNORECASE,
)


# Verbs of a state or a plan after "överens om att X …": agreed on, but nothing decided.
_PLAN_VERBS = (
    "är",
    "var",
    "blir",
    "återkommer",
    "tar",
    "ser",
    "följer",
    "undersöker",
    "utreder",
    "kontaktar",
    "bjuder",
    "fortsätter",
)


# Agreement to a proposal, not only about what to do next: "Vision och SSR ställde sig bakom
# den nya rutinen" decides an item that "Parterna är överens om att följa upp …" does not.
ENDORSEMENT = re.compile(
    rf"\bst(?:äller|ällde|ällt)\s+sig\s+bakom\b|{_ADVISED}\btillstyrk(?:er|te|t|s)\b"
    # "Kommunal framförde krav på … Arbetsgivaren instämde.": one side takes up the other's
    # proposal or demand, so what they then agree on is decided.
    r"|\binstäm(?:mer|de|t)\b|\b(?:godtar|godtog|accepterar|accepterade)\s+"
    r"(?:förslaget|kravet|yrkandet|begäran)\b"
    # "eniga om valet av leverantör", "Enighet om valet …" (a thing chosen), not "överens om
    # att följa upp" (a plan); "Enighet om att rutinen börjar gälla" as "överens om att …".
    r"|\b(?:överens|eniga?|enighet(?:en)?)\s+om\s+(?!att\b|hur\b|vad\b|när\b|vikten\b)\w+"
    # "överens om att (den nya) rutinen börjar gälla / införs": what the proposal's subject
    # does, as agreed; not "att läget är gott" (a view) nor "att X återkommer" (a plan).
    rf"|\b(?:överens|eniga?|enighet(?:en)?)\s+om\s+att\s+(?:(?:den|det|de|denna|detta)\s+(?:\w+\s+)?)?"
    rf"\w+(?:en|et|na|an)\s+(?!(?:{'|'.join(_PLAN_VERBS)})\b)\w+(?:r|s)\b"
    # "överens om att en uppföljning av arbetsbelastningen görs", "… att ett nytt schema för
    # december läggs ut": a thing to be done, in the passive, agreed on as done.
    r"|\b(?:överens|eniga?|enighet(?:en)?)\s+om\s+att\s+(?:en|ett)\s+(?:nya?\s+|nytt\s+)?\w+"
    r"(?:\s+(?:av|för|om|inom|med|på)\s+(?:\w+\s+){0,2}?\w+)?\s+\w+s\b",
    re.IGNORECASE,
)


# A decision taken in the item itself ("Rektor fattar beslut i enlighet med förslaget",
# "Beslut fattas av rektor"), not put off ("Beslut fattas på nästa möte"): the item is one to
# decide, and the parties' agreement in it is its outcome.
DECISION_TAKEN = re.compile(
    r"\b(?:fattar|fattade|tar|tog)\s+(?:ett\s+)?beslut(?:et)?\b(?!\s+(?:på|vid)\s+nästa)"
    r"|\bbeslut(?:et)?\s+(?:fattas|fattades|tas|togs)\b(?!\s+(?:på|vid)\s+nästa)"
    r"|\bbeslutar\s+(?:i\s+enlighet\s+med|enligt)\s+förslaget\b",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[tuple[int, date]]:
    """Every valid date in the text with its position, in order."""
    return [(start, day) for start, _, day in date_spans(text)]


def date_spans(text: str) -> list[tuple[int, int, date]]:
    """Every valid date in the text with where it starts and ends, in order."""
    found = []
    for match in _DATE.finditer(text):
        try:
            if match.group("y"):
                year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
            elif match.group("y3"):
                year, day = int(match["y3"]), int(match["d3"])
                month = int(match["m3"] or match["m4"])
            else:
                year, month = int(match["y2"]), _MONTHS[match["mon"].casefold()]
                day = int(match["d2"])
            found.append((match.start(), match.end(), date(year, month, day)))
        except ValueError:
            continue
    return found


# "Måndagen den 4 juni kl 9.30 i Rådhuset", "Onsdag 10 september 2025, kl 17.15": a line that
# opens with the meeting's day (its year may be left out) and says when it began.
_WHEN_LINE = re.compile(
    rf"^(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\s+)?(?:den\s+)?"
    rf"(?:{DATE_PATTERN}|\d{{1,2}}(?::?[ae])?\s+(?:{_MONTH_NAMES}))\b[^.]*?,?\s*"
    r"\b(?:kl\.?|klockan)\s*\d",
    re.IGNORECASE,
)


# "Mötet hölls kl. 13.15–15.40 i Ängsbacken.", "Sammanträdet äger rum klockan 9 i …", "Lokal
# samverkansgrupp för X träffades kl. 15.15 i …": a sentence that says the meeting was held (its
# subject the meeting or the group, a few words) and when. The verb carries it, not the subject.
_HELD_VERBS = (
    "hölls",
    "hålls",
    "ägde rum",
    "äger rum",
    "genomfördes",
    "genomförs",
    "pågick",
    "började",
    "startade",
    "träffades",
    "träffas",
    "möttes",
    "möts",
    "sammanträdde",
    "sammanträder",
    "samlades",
    "samlas",
)
HELD_VERB = "|".join(verb.replace(" ", r"\s+") for verb in _HELD_VERBS)
_HELD_VERB = HELD_VERB
# "Informationsmöte mellan AB X och de lokala fackliga organisationerna hölls …": the subject
# may name both sides and their unions, a dozen words or more.
_HELD_SUBJECT = rf"^(?:[\w/–-]+,?\s+){{1,16}}?(?:{_HELD_VERB})\b"
_HELD_LINE = re.compile(rf"{_HELD_SUBJECT}[^.]*?\b(?:kl\.?|klockan)\s*\d", re.IGNORECASE)
_HELD_START = re.compile(_HELD_SUBJECT, re.IGNORECASE)


def holds_meeting_verb(line: str) -> bool:
    """Whether a line opens as a sentence saying the meeting was held ("Information från X till
    Unionen, Seko och Vision ägde rum …"), its hour perhaps further on."""
    return bool(_HELD_START.match(line.strip()))


def is_when_line(line: str) -> bool:
    """Whether a line gives the meeting's day and time, as a sentence or a label's value."""
    return bool(_WHEN_LINE.match(line.strip()) or _HELD_LINE.match(line.strip()))


def is_date_only(line: str) -> bool:
    return bool(_DATE_ONLY.match(line.strip().rstrip(".,")))


def is_page_marker(line: str) -> bool:
    return bool(_PAGE_LINE.match(line.strip()))


# "Utskriftsdatum 2023-10-02", "Utskrift 2024-10-15 2 (2)": when the page was printed.
_PRINT_LINE = re.compile(
    rf"^(?:utskriv\w*|utskrift\w*|printed)\s*:?\s*{DATE_PATTERN}(?:\s+{_PAGE})?$", re.IGNORECASE
)


_ENDS_WITH_PAGE = re.compile(rf"\s{_PAGE}$", re.IGNORECASE)


def ends_with_page_number(line: str) -> bool:
    """ "PROTOKOLL Sida 2 (2)": a page header's text with the page's number at its end."""
    return bool(_ENDS_WITH_PAGE.search(line.strip()))


def later_page_number(line: str) -> bool:
    """ "ÄLVBY SJUKHUS  Skyddskommittén 2026-01-22  Sida 2 av 2": a header's text ending with the
    number of a page after the first (the first page's header is the letterhead)."""
    found = _ENDS_WITH_PAGE.search(line.strip())
    # "Protokoll 3/26" is a protocol's number, not a page's: "/" alone does not say page.
    if not found or ("/" in found.group(0) and not re.search(r"[a-z]", found.group(0), re.I)):
        return False
    return int(re.search(r"\d+", found.group(0)).group(0)) > 1


def without_page_number(line: str) -> str:
    """ "PROTOKOLL Sida 1 (2)" → "PROTOKOLL"."""
    return _ENDS_WITH_PAGE.sub("", line.strip())


# A letterhead's postal address: "Kraftverksgatan 2, 123 45 Vallby", "Box 12, 234 56 Norrby",
# with a telephone number or a page's number beside it; no sentence.
_POSTAL_ADDRESS = re.compile(
    r"(?<![\d-])\d{3}\s?\d{2}\s+(?-i:[A-ZÅÄÖ])[\wåäöÅÄÖ-]+(?:[,\s]|$)(?!.*[!?]$)", re.IGNORECASE
)


def is_address_line(line: str) -> bool:
    """A line of a letterhead giving the organisation's postal address."""
    line = line.strip()
    return bool(_POSTAL_ADDRESS.search(line)) and not line.endswith(".") and ":" not in line


def is_print_line(line: str) -> bool:
    """Page furniture that only says when the page was printed (and which page it is)."""
    return bool(_PRINT_LINE.match(line.strip()))


def is_lone_number(line: str) -> bool:
    return bool(_LONE_NUMBER.match(line.strip()))


def section_of(line: str) -> str | None:
    """The section a heading line opens ("INFORMATION", "3. Dialog:", "Beslutsärenden"), or None."""
    match = _SECTION_LINE.match(line.strip())
    return _section_from(match) if match else None


# A heading inside an item that, in minutes with section headings, heads a section when an item
# follows it: "DISKUSSION" between "7. Rutin …" and "8. Diskussion om …" opens Dialog.
_SECTION_OR_SUBHEADING = {
    "Dialog": re.compile(r"^(?:diskussion|diskussioner)\s*:?$", re.IGNORECASE)
}


def subheading_section(line: str) -> str | None:
    """The section a bare subheading word may open ("Diskussion": Dialog), or None."""
    bare = line.strip()
    return next((name for name, word in _SECTION_OR_SUBHEADING.items() if word.match(bare)), None)


# "Information från ledningen": whose information follows. Numbered it is an item's title
# ("4. Information från förvaltningschefen"); unnumbered between numbered items, a section's.
_SOURCED_INFORMATION = re.compile(
    r"^(?:information|informationsärenden|informationspunkter)\s+från\s+"
    r"[\wåäö-]+(?:\s+(?:och\s+)?[\wåäö-]+){0,2}\s*:?$",
    re.IGNORECASE,
)


def sourced_section(line: str) -> str | None:
    """The section an unnumbered "Information från …" line would head, or None."""
    return "Information" if _SOURCED_INFORMATION.match(line.strip()) else None


def section_prefix(line: str) -> tuple[str, str] | None:
    """("Beslut", "Budget 2026") for a title tagged with its section: "Beslut: Budget 2026"."""
    match = _SECTION_PREFIX.match(line.strip())
    if not match:
        return None
    return _section_from(match), match["rest"].strip()


def _section_from(match: re.Match[str]) -> str:
    names = list(_SECTION_WORDS)
    for index, name in enumerate(names):
        if match.group(f"s{index}"):
            return name
    raise AssertionError("a section alternative always matches")


def is_agenda_marker(line: str) -> bool:
    return bool(_AGENDA_LINE.match(line.strip()))


# "Övriga frågor": questions raised at the end, answered now or later; no item is put off by
# "… återkommer vid nästa sammanträde".
_OTHER_QUESTIONS = re.compile(r"^övriga\s+(?:frågor|ärenden|punkter)\b", re.IGNORECASE)


def is_other_questions(title: str) -> bool:
    return bool(_OTHER_QUESTIONS.match(title.strip()))


def is_standing(title: str) -> bool:
    return bool(_STANDING.match(title.strip()))


def opens_body(line: str, bare: str) -> bool:
    """Whether the minutes' body may begin at this line: a section heading, an agenda word, a
    standing item (`bare`: the line without its list marker) or a § item."""
    return bool(
        section_of(line)
        or is_agenda_marker(line)
        or is_standing(bare)
        or PARAGRAPH_NUMBER.match(line)
    )


def is_closing_item(title: str) -> bool:
    return bool(_CLOSING_ITEM.match(title.strip()))


# Another item named by its number: "punkt 3", "punkterna 4 och 5", "§ 12", "ärende 2".
_ITEM_REFERENCE = re.compile(rf"(?:\b(?:{ITEM_LABELS})(?:erna|en|na|et)?|§§?)\s*\d+", re.IGNORECASE)


def names_other_items(sentence: str) -> bool:
    """ "Förhandlingen i punkt 3 avslutas i oenighet, punkt 4 och 5 i enighet.": a sentence
    that says how other items ended, by their numbers."""
    return bool(_ITEM_REFERENCE.search(sentence))


def is_subheading(line: str) -> bool:
    return bool(_SUBHEADING.match(line.strip()))


def _key(text: str) -> str:
    return re.sub(r"[\s\-]", "", text.casefold())


# The employees' side as a whole ("För de fackliga organisationerna", "arbetstagarsidan"): no
# union's name, so the attendance list says which union the person signs for.
_WORKERS_SIDE = re.compile(
    r"^(?:för\s+)?(?:de\s+)?(?:fackliga(?:\s+organisationerna)?|facket|arbetstagar(?:na|sidan"
    r"|parten|organisationerna|organisationen|representanterna|företrädarna))$",
    re.IGNORECASE,
)


def is_workers_side(text: str) -> bool:
    """ "de fackliga organisationerna", "arbetstagarsidan": the side, not a union's name."""
    return bool(_WORKERS_SIDE.match(text.strip()))


# The parties of Swedish councils as attendance lists write them after a member's name,
# "Eva Lind (S), ordförande": a justerare's party where the justering itself names none.
POLITICAL_PARTIES = frozenset({"S", "M", "C", "V", "L", "KD", "MP", "SD", "FP"})


def is_political_party(text: str) -> bool:
    """ "S", "KD": a council party's letters as written after a member's name."""
    return text.strip() in POLITICAL_PARTIES


# A company's form after its name ("Norrdal Energi AB", "Bygg & Måleri HB") is in capitals like
# a union's short name, and names no side: "Eva Kvist, styrelsens ordförande i Norrdal Energi AB".
COMPANY_FORMS = frozenset({"AB", "HB", "KB"})


def is_party(text: str) -> bool:
    """A union or the employer side, as minutes name them ("AkademikerförbundetSSR", "Vision")."""
    key = _key(text.removeprefix("för ").removeprefix("från "))
    return (
        key in _UNIONS
        or key.endswith(("förbundet", "förbund"))
        or (bool(_ACRONYM.match(text)) and text not in COMPANY_FORMS)
    )


# The captions under signature lines: "Mötesordförande   Justerare" names no one.
_CAPTION_WORDS = frozenset(
    {
        "ordförande",
        "mötesordförande",
        "sekreterare",
        "mötessekreterare",
        "protokollförare",
        "justerare",
        "rösträknare",
        "kassör",
        "ledamot",
        "ledamöter",
        # "Beslutande  Lena Forsberg (S), ordförande": a front page's label before the name,
        # where a text export ran its cells together.
        "beslutande",
        "närvarande",
        "frånvarande",
        "deltagare",
        "adjungerade",
    }
)


# The employer by its own name, which signs for the employer's side: "AB Sjöstadshem", "Norrby
# Energi AB", "Region Västerby", "Solby kommun", "bolaget", "Socialförvaltningen". A name that
# opens or ends with one of these words is an organisation, never a person (a page's header
# "Region Östersand" under the signatures is no one who signs).
_ORGANISATION_FIRST = frozenset(
    {"ab", "region", "regionen", "landstinget", "kommunen", "bolaget", "staden", "stiftelsen"}
)
_ORGANISATION_LAST = frozenset(
    {"ab", "kommun", "kommunen", "region", "regionen", "landsting", "landstinget", "stad"}
)
_ORGANISATION_ENDINGS = ("förvaltning", "förvaltningen", "bolag", "bolaget", "koncernen")
# "Södra Vättbygden", "Norra Hamnen", "Stora Torget": a place's name opens on a word of where it
# lies, which no first name is; after a title ("… inom Vuxenutbildningen Södra Vättbygden") it
# is the title's end, not its presenter.
_PLACE_FIRST = frozenset(
    {"norra", "södra", "östra", "västra", "mellersta", "stora", "lilla", "övre", "nedre"}
)


# An employers' organisation negotiates and signs for the employer's side ("Fredrik Holm för
# Energiföretagens Arbetsgivareförening"): by its own word, or by name.
_EMPLOYERS_WORD = re.compile(
    r"arbetsgivar(?:e)?(?:förening|förbund|organisation|verk|allians)\w*", re.IGNORECASE
)
_EMPLOYERS_ORGANISATIONS = frozenset(
    {
        "skr",
        "sverigeskommunerochregioner",
        "sobona",
        "almega",
        "svensktnäringsliv",
        "fastigo",
        "vårdföretagarna",
        "teknikföretagen",
        "arbetsgivarverket",
    }
)


def is_employers_association(text: str) -> bool:
    """ "Energiföretagens Arbetsgivareförening", "SKR", "Sobona": who signs for the employers."""
    bare = re.sub(r"^(?:för|från)\s+", "", text.strip(), flags=re.IGNORECASE)
    return _key(bare) in _EMPLOYERS_ORGANISATIONS or bool(_EMPLOYERS_WORD.search(bare))


# "i lokaler hos Energiföretagens Arbetsgivareförening, Olof Palmes gata 31": the premises' word
# before whose they are; the place is the host and its address.
PREMISES_OF = re.compile(
    r"^(?:i\s+)?(?:lokaler(?:na)?|lokalen|utrymmen(?:a)?)\s+(?:hos|tillhörande)\s+(?=\S)",
    re.IGNORECASE,
)


def is_employer_organisation(text: str) -> bool:
    """ "AB Sjöstadshem", "Region Västerby", "bolaget": the employer named as an organisation."""
    words = text.removeprefix("för ").split()
    if not words or len(words) > 5 or is_party(" ".join(words)):
        return False
    first, last = words[0].casefold(), words[-1].casefold().strip(".,;:")
    return (
        first in _ORGANISATION_FIRST
        or last in _ORGANISATION_LAST
        or last.endswith(_ORGANISATION_ENDINGS)
    )


def without_title(name: str) -> tuple[str, str]:
    """ "Rektor Camilla Strand", "enhetschef Annelie Frost", "biträdande rektor Eva Ek": the
    person and the role written before the name (the employer's side), else (name, "")."""
    words = name.split()
    if not words:
        return name, ""
    for size in (1, 2):
        role, rest = " ".join(words[:size]), " ".join(words[size:])
        if size == 2 and words[0].casefold().strip(".") not in _ROLE_MODIFIERS:
            break
        if len(words) > size + 1 and _is_title(words[size - 1]) and is_person_name(rest):
            return rest, role
    return name, ""


def _is_title(word: str) -> bool:
    """ "Rektor", "enhetschefen", "Huvudskyddsombud", "ordföranden": a role a name may follow."""
    bare = word.casefold().strip(".,:")
    return is_employer_role(word) or bare.endswith(("ombud", "ombudet")) or bare in _ROLE_WORDS


def is_person_name(text: str) -> bool:
    # "Vårdförbundet Karin Westerlund" (two cells of a signature table run together) is not one.
    words = text.split()
    if any(word.casefold() in _CAPTION_WORDS for word in words):
        return False
    if words and (
        words[0].casefold() in _ORGANISATION_FIRST
        or words[0].casefold() in _PLACE_FIRST
        or words[-1].casefold() in _ORGANISATION_LAST
    ):
        return False
    return bool(_NAME.match(text.strip())) and not any(is_party(word) for word in [text, *words])


def is_presenter(text: str) -> bool:
    """Whether the tail of "Title, X" names who presents: a role, a party, a person, an acronym."""
    # "hälso- och sjukvårdsdirektör": a compound sharing its ending is read as its last part.
    words = _SHARED_COMPOUND.sub("", text).split()
    if not words or len(words) > 4 or not text[0].isalpha():
        return False
    marked = False
    for index, word in enumerate(words):
        bare = word.casefold().strip(".:")
        if bare in _ROLE_WORDS or bare.endswith(_ROLE_SUFFIXES) or is_party(word):
            marked = True
        elif bare in _ROLE_MODIFIERS and index + 1 < len(words):
            continue  # "tf personalchef", "biträdande rektor": the role follows
        elif index and marked and word.islower() and word.isalpha():
            continue  # the role's unit: "verksamhetschef hemtjänst"
        elif not re.fullmatch(NAME_TOKEN, word):
            return False
    return marked or (len(words) >= 2 and bool(_NAME.match(text)))


# Roles that sit on the union side, or on neither: a role that is not one of them is a manager's.
_NOT_EMPLOYER_ROLES = frozenset(
    {
        "ordförande",
        "ordföranden",
        "ordf",
        "sekreterare",
        "sekreteraren",
        "samtliga",
        "fackliga",
        "facket",
        "skyddsombud",
        "huvudskyddsombud",
        "arbetsmiljöombud",
        "kassör",
        "kassören",
    }
)


_SHARED_ENDING = frozenset({"och", "eller", "samt"})


# The word for a room that its name follows: "rum Turbinen", "sal Kranen", "sammanträdesrum 4".
ROOM_WORDS = frozenset(
    {
        "rum",
        "sal",
        "lokal",
        "sammanträdesrum",
        "konferensrum",
        "mötesrum",
        "sammanträdessal",
        "konferenssal",
    }
)


# A member's place on a board or nämnd, after the name in a list of those present: "Olof
# Werner" + "(KD), vice ordförande; Sara Ek (L);".
_BOARD_ROLES = frozenset(
    {
        "ordförande",
        "vice ordförande",
        "förste vice ordförande",
        "andre vice ordförande",
        "1:e vice ordförande",
        "2:e vice ordförande",
        "ledamot",
        "ersättare",
        "tjänstgörande ersättare",
        "sekreterare",
        "adjungerad",
    }
)


# Who steps in for a justerare who cannot sign, named beside the one chosen ("Till justerare utses
# Elin Forsmark (V) med Rasmus Holm (M) som ersättare"): not a justerare.
SUBSTITUTE_WORDS = r"ersättare|ersättaren|suppleant|suppleanten|reserv"


def is_board_role(text: str) -> bool:
    """ "vice ordförande", "tjänstgörande ersättare": a member's place on the board."""
    return " ".join(text.casefold().split()) in _BOARD_ROLES


def is_employer_role(text: str) -> bool:
    """ "verksamhetschef BUF", "HR-specialist": a role that speaks for the employer."""
    words = text.split()
    if not words or len(words) > 4:
        return False
    # "hälso- och sjukvårdsdirektör", "kultur- och fritidschef": a shared ending, the role is
    # the word after the connective.
    while len(words) > 2 and words[0].endswith("-") and words[1].casefold() in _SHARED_ENDING:
        words = words[2:]
    first = words[0].casefold().strip(".:,;")
    if first in _NOT_EMPLOYER_ROLES or first.endswith(_STAFF_SUFFIXES):
        return False
    return first in _ROLE_WORDS or first.endswith(_ROLE_SUFFIXES) or first.startswith("hr-")


# "Vision yrkar att beslutet skjuts upp", "Kommunal begärde att frågan skulle bordläggas": one
# side asks for a postponement; what the meeting did is said elsewhere.
_REQUEST = re.compile(
    r"\b(?:yrkar|yrkade|begär|begärde|föreslår|föreslog|önskar|önskade|kräver|krävde|vill|ville)"
    r"\b[^.!?]*$",
    re.IGNORECASE,
)


def _postponement(text: str) -> str:
    """ "bordlagt" for a postponement stated, "asked" for one only asked for, else ""."""
    found = ""
    for match in _BORDLAGT.finditer(text):
        sentence = re.split(r"[.!?]\s", text[: match.start()])[-1]
        if not _REQUEST.search(sentence):
            return "bordlagt"
        found = "asked"
    return found


def decision_of(text: str) -> str:
    """The outcome a text states: postponement and disagreement outrank the last other statement;
    a postponement only asked for gives way to disagreement ("Parterna är oeniga")."""
    postponed = _postponement(text)
    if postponed == "bordlagt":
        return "bordlagt"
    if _OENIGHET.search(text):
        return "oenighet"
    if postponed:
        return "bordlagt"
    found = [
        (match.start(), outcome)
        for outcome, pattern in (
            ("inget beslut", _INGET_BESLUT),
            ("samverkat", _SAMVERKAT),
            ("enighet", _ENIGHET),
        )
        for match in pattern.finditer(text)
    ]
    if found:
        return max(found)[1]
    # "Arbetsgivaren beslutar att införa …" with no other outcome: decided after samverkan.
    return "samverkat" if _EMPLOYER_DECIDES.search(text) else ""


# In a central negotiation (MBL §14) the local one before it is history: "Parterna konstaterar
# att den lokala förhandlingen avslutades i oenighet" says why the parties meet, not what they
# reached; and the meeting's own name ("förklarade den centrala förhandlingen öppnad") is no
# sign of disagreement there.
CENTRAL_NEGOTIATION_KINDS = frozenset({"MBL §14"})
_EARLIER_NEGOTIATION = re.compile(
    r"\blokal(?:a)?\s+förhandling(?:en|ar|arna)?\b|\bförhandling(?:en)?\s+på\s+lokal\s+nivå\b"
    r"|\b(?:§\s*11|11\s*§)-?\s*förhandling(?:en)?\b|\bförhandling(?:en)?\s+enligt\s+(?:mbl\s*)?"
    r"(?:§\s*11|11\s*§)",
    re.IGNORECASE,
)
_REFERRAL_PATTERN = re.compile(_REFERRAL, re.IGNORECASE)


def outcome_text(text: str, kind: str) -> str:
    """The text an item's outcome is read from: in a central negotiation, without the sentences
    about the local negotiation before it and without the meeting's own name."""
    if kind not in CENTRAL_NEGOTIATION_KINDS:
        return text
    kept = (
        " ".join(
            sentence
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", line)
            if not _EARLIER_NEGOTIATION.search(sentence)
        )
        for line in text.split("\n")
    )
    return _REFERRAL_PATTERN.sub("förhandlingen", "\n".join(kept))


_EMPLOYER_DECIDES = re.compile(
    r"(?:^|[.!?]\s+)(?:arbetsgivaren|förvaltningen|\w*chefen)\s+(?:beslutar|har\s+beslutat)\s+att\b",
    re.IGNORECASE | re.MULTILINE,
)


# --- the words of labels, closings and decisions, read by the parser ---------------------------

# The words of a protocol's front page: justering, signatures, the notice of its posting.
FRONT_MATTER = re.compile(
    r"\b(?:justera\w*|justering\w*|anslag\w*|tillkännag\w*|bevis|underskrift\w*"
    r"|utdragsbestyrkande|förvaringsplats\w*)\b",
    re.IGNORECASE,
)

# Dates that are not the meeting's: when the page was printed, when it was justerad.
OTHER_DATE = re.compile(
    r"\b(?:utskriv\w*|utskrift\w*|printed|justering\w*|justerat|justeras|anslag\w*|"
    r"nästa\s+möte|skickad|upprättad)\b",
    re.IGNORECASE,
)

# The header labels of when and where, in a table's cell or before a value without a colon.
# The labels of a meeting's place: "Plats:", "Lokal:", and a meeting system's front page
# "Sammanträdesplats", "Möteslokal".
PLACE_LABELS = (
    r"plats|lokal|mötesplats|sammanträdesplats|möteslokal|sammanträdeslokal|mötesrum"
    r"|plats\s*/\s*lokal|mötesform"
    # A Swedish template's English labels in its header grid: "Location | Personalrummet".
    r"|location|venue"
)
# The capitalised place labels that need no colon before a capitalised name in a grid's text
# export ("Datum 2026-02-03 Plats Föreningslokalen", "Time 09.15 Location Konferensrum …").
BARE_PLACE_LABELS = r"Plats|Location|Venue"
WHEN_WHERE_LABELS = rf"datum|mötesdatum|sammanträdesdatum|tid|klockan|time|{PLACE_LABELS}"

# A protocol's number in its year: "4/2025", or the year first as some bodies write it
# ("VSG 2026:9").
NUMBER_IN_YEAR = r"(?:\d{1,3}\s*/\s*(?:19|20)?\d{2}|(?:19|20)\d{2}\s*:\s*\d{1,3})"

# "Styrelseprotokoll 3/2026", "Sammanträdesprotokoll nr 6/2025": the protocol's word in one
# with the meeting's.
PROTOCOL_COMPOUNDS = r"styrelse|sammanträdes|mötes|årsmötes|stämmo|förhandlings|nämnd|nämnds"

# How a justering is signed digitally: "via BankID", "med e-legitimation", "i Scrive".
SIGNING_SERVICE = (
    r"(?:via|med|genom|i)\s+(?:mobilt\s+)?(?:bankid|e-legitimation|e-signering|e-signatur|scrive|assently"
    r"|visma\s+sign|signeringstjänsten|digital\s+signering)"
)

# "Möte 3/2026", "Sammanträde 2/2026" in a letterhead: the meeting's number in its year names
# the protocol as "Protokoll nr" does (a four-digit year, so "möte 4/11" is no number).
_MEETING_NOUNS = ("möte", "mötet", "sammanträde", "sammanträdet", "mötesnummer", "träff")
MEETING_NUMBER = re.compile(
    r"(?<!\w)(?<!nästa\s)(?<!förra\s)(?<!föregående\s)"
    rf"(?:{'|'.join(_MEETING_NOUNS)})\s*(?:nr\.?|nummer)?\s*[:|]?\s*"
    r"(\d{1,3}\s*/\s*(?:19|20)\d{2}|(?:19|20)\d{2}\s*:\s*\d{1,3})(?![\d/:])",
    re.IGNORECASE,
)

# The labels of a diary number: "Dnr KS 2024/0214", "Diarienummer:", and a meeting system's
# "Ärendenummer: BUN 2025/0231" under a § (the case's number in the registry, as a dnr is).
DNR_WORDS = r"dnr|diarienummer|diarienr|ärendenummer|ärendenr"

# A label alone in a header table's cell: "Datum", "Tid", "Plats" over (or before) their values.
CELL_LABEL = re.compile(
    rf"^(?:{WHEN_WHERE_LABELS}|organ"
    r"|plats\s+och\s+tid|tid\s+och\s+plats"
    rf"|{DNR_WORDS}"
    r"|protokoll\s*(?:nr|nummer)|nr"
    # "Protokoll nr | Dnr | Org.nr" over "3/2026 | SKF 2026/5 | 556712-0000": a company's
    # organisation number is a cell of its header table too (and no dnr).
    r"|org\.?\s*nr|org\.?\s*nummer|organisationsnummer|organisationsnr)\s*:?$"
    # "Enhet:" / "Ekbackeskolan F–9" among "Datum:" and "Plats:": the unit the meeting is for
    # (with its colon: "Avdelning" alone may head a column of the attendance table).
    r"|^(?:enhet|verksamhet|förvaltning|avdelning|arbetsplats)\s*:$",
    re.IGNORECASE,
)
# The words heading a column of an item's outcome or notes.
_NOTES = (
    r"(?:beslut|beslutet|åtgärd|åtgärder|noteringar|notering|anteckningar|anteckning|kommentar|kommentarer"
    r"|diskussion|protokollsanteckning|notes|minutes)"
)
# The columns of a table of agenda items ("Punkt | Ärende | Föredragande | Beslut/Åtgärd |
# Ansvarig"), by what a cell under them holds; a header row names only such columns.
ITEM_TABLE_COLUMNS = (
    ("number", r"punkt|p|nr|nummer|§|paragraf|#"),
    ("title", r"ärende|ärenden|rubrik|fråga|frågor|ämne|dagordningspunkt|punkt"),
    ("presenter", r"föredragande|föredragare|presentatör|informatör|föredras\s+av|redovisas\s+av"),
    # One such word or several in any order ("Beslut/Åtgärd", "Noteringar/beslut", "Anteckningar
    # och beslut"); an English-influenced template's "Notes / Anteckningar", "Minutes".
    ("decision", rf"{_NOTES}(?:\s*(?:/|och|&|,|samt)\s*{_NOTES})*"),
    ("responsible", r"ansvarig|ansvar|vem|klart(?:\s+senast)?|tidplan|när|status|deadline"),
)
_ITEM_COLUMNS = [
    (kind, re.compile(rf"^(?:{words})$", re.IGNORECASE)) for kind, words in ITEM_TABLE_COLUMNS
]


_ITEM_TITLE = dict(_ITEM_COLUMNS)["title"]


def item_table_column(cell: str) -> str | None:
    """What a column of a table of agenda items holds, by the word heading it."""
    bare = " ".join(cell.split()).strip(" :")
    return next((kind for kind, pattern in _ITEM_COLUMNS if pattern.match(bare)), None)


def is_column_heading(cell: str) -> bool:
    """ "Utfall", "Noter / status": a column's heading (a few words, no figure, no sentence)."""
    words = cell.replace("/", " ").split()
    return 0 < len(words) <= 4 and not re.search(r"[\d.:!?]", cell) and cell.strip()[:1].isupper()


def item_table_columns(cells: list[str]) -> list[str] | None:
    """What each column of a table of agenda items holds, read from its header row; None for a
    row that is not such a header (an attendance table's, an action table's without titles)."""
    kinds = [item_table_column(cell) for cell in cells]
    if None in kinds:
        # One column headed by a word of the template's own ("Nr | Ärende | Ansvarig | Utfall"):
        # beside a number's and a title's it holds the item's notes, so the table still lists
        # the items (one unknown word lost every item of the minutes).
        unknown = [at for at, kind in enumerate(kinds) if kind is None]
        if not (
            len(unknown) == 1
            and len(cells) >= 3
            and {"number", "title"} <= set(kinds)
            and "decision" not in kinds
            and unknown[0] > kinds.index("title")
            and is_column_heading(cells[unknown[0]])
        ):
            return None
        kinds[unknown[0]] = "decision"
    # "# | Punkt | Ansvarig | Anteckningar": a number column before "Punkt", which then heads
    # the titles (a word that names either, by where it stands).
    if "title" not in kinds and kinds.count("number") == 2 and kinds[0] == "number":
        second = kinds.index("number", 1)
        if _ITEM_TITLE.match(" ".join(cells[second].split()).strip(" :")):
            kinds[second] = "title"
    # "Punkt | Ansvarig | Anteckning" with no number column at all: "Punkt" heads the titles,
    # where who answers for the item stands next to it (read as numbers, all nine were lost).
    # Beside an action's column ("Punkt | Åtgärd | Ansvarig") it numbers the actions.
    elif "title" not in kinds and kinds.count("number") == 1:
        only = kinds.index("number")
        beside = kinds[only + 1] if only + 1 < len(kinds) else None
        if beside in ("presenter", "responsible") and _ITEM_TITLE.match(
            " ".join(cells[only].split()).strip(" :")
        ):
            kinds[only] = "title"
    # With no presenter's column, the one naming who answers for the item between its title and
    # its notes names the presenter ("Punkt | Ansvarig | Anteckningar"); after them, an action's
    # owner still.
    if "presenter" not in kinds and "title" in kinds and "decision" in kinds:
        between = kinds[kinds.index("title") + 1 : kinds.index("decision")]
        if between == ["responsible"]:
            kinds[kinds.index("title") + 1] = "presenter"
    if kinds.count("title") != 1 or not {"presenter", "decision"} & set(kinds):
        return None
    return kinds


# The head of an attendance table, cell by cell: "Namn | Roll | Organisation".
TABLE_COLUMN = re.compile(
    r"^(?:namn|roll|funktion|befattning|titel|organisation|part|parti|representerar|förbund"
    r"|facklig\s+organisation|uppdrag|åtgärd|åtgärder|ansvarig|klart|klart\s+senast|status"
    r"|kommentar|uppföljning|tidplan|deadline)$",
    re.IGNORECASE,
)

# The columns of an attendance table beside its "Namn" column: "Namn | Funktion | Part".
ATTENDANCE_COLUMN = re.compile(
    r"^(?:roll|funktion|befattning|titel|organisation|part|parti|representerar|förbund"
    r"|facklig\s+organisation|uppdrag)$",
    re.IGNORECASE,
)

ATTENDANCE = re.compile(
    r"^(?:närvarande|närvaro(?:lista(?:n)?)?|frånvarande|deltagare|deltagarlista(?:n)?|deltagande"
    r"|deltog|beslutande|ersättare|adjungerade"
    # "Ledamöter: A (M), ordförande, B (S)": the members present; with its colon only, so a
    # title about members ("Ledamöter till valberedningen") stays one.
    r"|ledam(?:ot|öter)(?=\s*[:|])"
    r"|tjänstepersoner|tjänstemän|övriga\s+(?:deltagare|deltagande|närvarande|tjänstepersoner)"
    r"|parter"
    r"|arbetsgivare(?:n)?|arbetstagarorganisation(?:er)?|arbetstagarsidan|fackliga|namn"
    # "För arbetstagarorganisationerna: A, Saco-S; B, Seko.": a side's list by its long name.
    r"|för\s+arbets(?:givaren|givarsidan|tagarna|tagarsidan|tagarorganisation(?:en|erna))"
    # "Arbetsgivarens företrädare: A, …", "Arbetstagarorganisationernas representanter: …".
    r"|arbets(?:givar|tagar)\w*s\s+(?:representanter|företrädare|ledamöter|deltagare))"
    r"\b[^:|]*(?:[:|]|$)",
    re.IGNORECASE,
)

DOC_TITLE = re.compile(
    r"^(?:minnesanteckningar|mötesanteckningar|anteckningar|protokoll|sammanträdesprotokoll"
    r"|mötesprotokoll)\b",
    re.IGNORECASE,
)

# "Protokoll fört vid ordinarie styrelsemöte i Bostadsrättsföreningen" + "Tallkotten 7 i Ålstad
# tisdagen den 10 mars 2026 kl. 19.00 i …": the record's opening words, a sentence that goes on to
# name the meeting's day, hour and place however the page width broke it.
RECORD_SENTENCE = re.compile(
    r"^(?:minnesanteckningar|mötesanteckningar|anteckningar|protokoll|sammanträdesprotokoll"
    r"|mötesprotokoll)\s+(?:fört|förda|förd|förts|tagna|tagen|skrivna|från|vid)\s",
    re.IGNORECASE,
)

# "BRF TALLKOTTEN 7   STYRELSEPROTOKOLL   Protokoll nr 3", "LSG Solgläntan, protokoll nr 7": in
# the header the meeting's number may stand bare, without its year (not "Protokoll nr 2 från
# 2026-02-03", the previous meeting's, nor a date's digits). A header table's "Protokoll | nr 2"
# (the label's cell, then a value cell opening with "nr") likewise.
BARE_PROTOCOL_NUMBER = re.compile(
    r"(?<!\w)(?:protokoll(?:et)?|protokollnummer)\s*"
    r"(?:(?:[:|]\s*)?(?:nr\.?|nummer)\s*[:|]?\s*|[:|]\s*)"
    r"(\d{1,3})(?![\d/.:,-]|\s*(?:[-–]\s*)?\d)(?!\s+(?:från|av|den|för|fr\.?\s*o\.?\s*m)\b)",
    re.IGNORECASE,
)

DATE_LABEL = re.compile(
    r"(?:\b(?:datum|mötesdatum|sammanträdesdatum|sammanträdesdag(?:en)?(?!\w)"
    r"|datum\s+och\s+tid|tid\s+och\s+datum)\s*[:|]?"
    r"|^(?:tid|när|sammanträde|möte)\s*[:|])\s*"
    r"(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+)?(?:den\s+)?",
    re.IGNORECASE,
)

METADATA_LABEL = re.compile(
    r"^(?:datum|tid|plats|lokal|mötesform|organ"
    rf"|{DNR_WORDS}|protokoll\s*(?:nr|nummer)"
    r"|bilaga\s+till\s+protokoll"
    r"|mötesdatum|klockan|kl\.)\b",
    re.IGNORECASE,
)

# A nämnd's front-page grid ("Justeringens plats och tid | Kansliet, 2025-09-22", "Paragrafer |
# §§ 71–75", "Sekreterare | …"): fields of the letterhead, not the body's first item.
FRONT_PAGE_LABEL = re.compile(
    r"^(?:justeringens\s+(?:plats\s+och\s+tid|tid\s+och\s+plats|plats|tid)|justeringsdatum"
    r"|paragrafer|§§|utses\s+att\s+justera|justerare|sekreterare|ordförande"
    # "Antecknare | Josefin Ek, samordnare" in an LSG's header grid: who keeps the notes.
    r"|antecknare|protokollförare|mötesledare)(?:\s*[:|]\s*|\s+)\S",
    re.IGNORECASE,
)

# "… innan 1 november. Ansvarig: Fredrik Nord": the label at the end of a paragraph.
PRESENTER_AT_END = re.compile(
    r"(?:^|[.!?]\s+)(?:föredragande|ansvarig)\s*:\s*(?P<who>[A-ZÅÄÖ][^.:;]{1,40}?)\.?$",
    re.IGNORECASE | re.MULTILINE,
)

PRESENTER_LABEL = re.compile(
    r"^(?:föredragande|föredras\s+av|presenteras\s+av|redovisas\s+av|presentatör|informatör"
    r"|ansvarig|ansvarig\s+för\s+ärendet|ärendeansvarig)\s*[:|]\s*(?P<who>.+)$",
    re.IGNORECASE,
)

# The word that announces a presenter after a title's dash or comma: "– föredragande VD Karin Alm",
# "– Ansvarig: Marie Holm" (with its colon: "ansvarig" alone may be a word of the title).
PRESENTER_WORD = re.compile(
    r"^(?:(?:föredragande|föredras\s+av|presenteras\s+av|redovisas\s+av|presentatör|informatör)"
    r"\s*:?|ansvarig\s*:)\s*(?<=[\s:])(?=\S)",
    re.IGNORECASE,
)

# What heads the signatures: "Justeras", "Justering" alone, "Justerat digitalt 2025-04-11",
# "Signerat digitalt med BankID"; the names below it are the justerare's (not "Justerat
# digitalt av A och B", a sentence that names them).
SIGNATURES_HEAD = re.compile(
    r"^(?:justeras|justerande|justerat\s+av|underskrift|signatur|justering\s*:?$"
    r"|(?:justerat|signerat)\s+(?:digitalt|elektroniskt)\b(?!\s+av\b))",
    re.IGNORECASE,
)

# "Justerandes signatur | Utdragsbestyrkande", "Justerandes sign": the boxes for the justerare's
# initials (and the certified copy's) at the foot of an item or a page, captions and nothing else.
SIGNATURE_BOXES = re.compile(
    r"^(?:(?:justerandes?\s+(?:signatur(?:er)?|sign)\.?|ordförandes\s+(?:signatur|sign)\.?"
    r"|utdragsbestyrkande|signatur(?:er)?)(?:\s*\|\s*|\s+|$))+$",
    re.IGNORECASE,
)

# "Föredragande: Lisa Grahn": minutes that name presenters so use "Ansvarig: Peter Sand" (an
# ACTION_OWNER) for who answers for an action; minutes without it mean the item's presenter.
PRESENTER_NAMED = re.compile(r"^(?:föredragande|föredras\s+av)\s*[:|]", re.IGNORECASE)
ACTION_OWNER = re.compile(r"^ansvarig\s*[:|]", re.IGNORECASE)

# The header of an e-mail the minutes were pasted into ("Från: …", "Skickat: den 10 mars 2025
# 08:42", "Ämne: …"): its date and time are the mail's, not the meeting's.
MAIL_FROM = re.compile(r"^(?:från|from|avsändare)\s*:\s*\S", re.IGNORECASE)
MAIL_FIELD = re.compile(
    r"^(?:från|from|avsändare|skickat|sent|datum|date|till|to|kopia|cc|hemlig\s+kopia|bcc"
    r"|ämne|subject|bifogade\s+filer|attachments|prioritet|importance)\s*:",
    re.IGNORECASE,
)

CLOSING = re.compile(
    r"^(?:vid\s+(?:protokollet|anteckningarna|tangentbordet)|antecknat\s+av|antecknades\s+av"
    r"|(?:mötes)?sekreterare|(?:mötes)?ordförande|underskrift(?:er)?"
    r"|justeras|justerat|justerande|justerandes(?:\s+signatur)?|signatur(?:er)?"
    r"|signerat\s+(?:digitalt|elektroniskt)|justering\s*:?$"
    # "Signering" above the table of who signed (with BankID) and when: the signatures.
    r"|(?:(?:elektronisk|digital)\s+)?signering\s*:?$"
    # "ACTION POINTS" over a table of actions (Action | Owner | Deadline) after the items: a
    # list of who does what by when, no item of the agenda.
    r"|(?:action\s+points|action\s+items|åtgärdslista|åtgärdslistan)\s*:?$)\b\s*:?",
    re.IGNORECASE,
)

# "Mötet avslutas." alone, not a numbered item: the minutes end, the justering may follow.
CLOSING_SENTENCE = re.compile(
    r"^(?:mötet|sammanträdet|förhandlingen)\s+(?:avslutas|avslutades|förklaras\s+avslutat|"
    r"förklarades\s+avslutat)\.?$|^ordföranden\s+(?:avslutar|avslutade|förklarar|förklarade)\s+"
    r"(?:mötet|sammanträdet)(?:\s+avslutat)?\.?$",
    re.IGNORECASE,
)

# "Ordföranden öppnade mötet kl. 19.00", "… förklarade sammanträdet öppnat klockan 18.30",
# "Klockan 9.15 öppnades förhandlingen": the hour the meeting began, said in its opening item.
OPENED_AT = re.compile(
    r"\b(?:öppnade|öppnar|öppnas|öppnades|öppnat|förklarade|förklarar)\b[^.]{0,80}?"
    r"\b(?:kl\.?|klockan)\s*(?P<h>[0-2]?\d)(?:[.:](?P<m>[0-5]\d))?\b"
    r"|\b(?:kl\.?|klockan)\s*(?P<h2>[0-2]?\d)(?:[.:](?P<m2>[0-5]\d))?\s+"
    r"(?:öppnade|öppnar|öppnas|öppnades|förklarade|förklarar)\b",
    re.IGNORECASE,
)

SECRETARY = re.compile(
    r"^(?:vid\s+(?:protokollet|anteckningarna|tangentbordet)|antecknat\s+av|antecknades\s+av"
    r"|sekreterare)\b",
    re.I,
)

# "Inga beslut.", "Inga beslut fattas vid information enligt MBL § 19."
NO_DECISIONS = re.compile(
    r"^(?:inga|inget)\s+beslut(?:särenden|sfrågor|spunkter)?(?:\s+(?:fattas|fattades|togs)\b[^.]*)?\.?$",
    re.I,
)

# A heading inside an item above the text of its outcome: "Förhandlingens resultat".
# Labels of an item's outcome on its line, as "Beslut:" is: "Samverkansresultat: Enighet.",
# "Ställningstagande: Parterna är överens." (the outcome only where the text states one).
OUTCOME_LABELS = (
    r"samverkansresultat|förhandlingsresultat|resultat|(?:parternas\s+)?ställningstagande"
    r"|samverkansbeslut"
)

DECISION_HEADING = re.compile(
    r"^(?:förhandlingens\s+resultat|förhandlingsresultat|resultat(?:\s+av\s+förhandlingen)?"
    r"|(?:beslut|utfall)\s+i\s+förhandlingen|parternas\s+ställningstagande"
    # "Arbetsutskottets beslut", "Nämndens beslut": the deciding body's own decision below.
    r"|[\w-]*(?:nämndens|utskottets|styrelsens|kommitténs|fullmäktiges|årsmötets|stämmans)"
    r"\s+beslut)\s*:?$",
    re.IGNORECASE,
)

# A label before an item's title that only says it is an item: "§ 3 Ärende: Flytt av …".
TITLE_LABEL = re.compile(r"^(?:ärende|fråga|punkt|rubrik)\s*:\s*(?=\S)", re.IGNORECASE)
# "Punkt 3" alone, and under it "Förhandlingsfråga: Sammanslagning av …": the item's field that
# holds its title, as "Föredragande:" below holds its presenter (on the number's own line, "3.
# Förhandlingsfråga: …", the label is the title's as written, as the twelfth set's keys have it).
FIELD_TITLE = re.compile(
    r"^(?:förhandlingsfråga|förhandlingsämne|fråga|ärende|ämne|rubrik)\s*:\s*(?=\S)",
    re.IGNORECASE,
)

# "Beslut: Informationen noteras.", "Nämndens beslut: Meddelandena läggs till handlingarna.":
# the group takes note of a report or files notices; it decides nothing, a board neither; nor
# does "Styrelsen noterar informationen" or "Nämnden har tagit del av redovisningen" under a
# decision label. "Nämnden beslutar att lägga … till handlingarna" decides. "Anmälan läggs till
# handlingarna", "Anmälningarna noteras": the notices reported are filed, which decides nothing.
_NOTED_THING = r"(?:informationen|redovisningen|rapporten|föredragningen|meddelandena)"
NOTED = re.compile(
    r"^(?:informationen|redovisningen|rapporten|ärendet|meddelandena|delegationsbesluten"
    r"|delegeringsbesluten|skrivelsen|skrivelserna|anmälan|anmälningarna|anmälningar"
    r"|rapporterna|protokollen)?\s*(?:noteras|noterades|tas\s+till\s+"
    r"protokollet|läggs\s+till\s+handlingarna|lades\s+till\s+handlingarna)\.?$"
    r"|^(?:[\w-]+(?:\s+och\s+[\w-]+)?\s+)?(?:noterar|noterade|tar\s+del\s+av|tog\s+del\s+av"
    rf"|har\s+tagit\s+del\s+av)\s+{_NOTED_THING}\.?$",
    re.IGNORECASE,
)
# "Barn- och utbildningsnämnden tackar för informationen." under "Beslut": thanks, which
# decides nothing even in a board's minutes (the fifth set's writer: "" for the same).
THANKED = re.compile(
    r"^(?:[\w-]+(?:\s+och\s+[\w-]+)?\s+)?(?:tackar|tackade)\s+för\s+"
    r"(?:informationen|redovisningen|föredragningen|dragningen)\.?$",
    re.IGNORECASE,
)

# The bodies that decide, in the definite form a sentence names them by: any compound of
# styrelse, nämnd, utskott or fullmäktige ("Kommunstyrelsen", "Regionstyrelsen", "Socialnämnden",
# "Arbetsutskottet", "Kommunfullmäktige"), a förening's meetings, a kommunalförbund's direktion.
DECIDING_BODIES = (
    r"[\w-]*styrelsen",
    r"[\w-]*nämnden",
    r"\w*utskottet",
    r"\w*fullmäktige",
    r"\w*kommittén",
    # "Rådet beslutade att ställa sig bakom …": a pensionärsråd or funktionshinderråd decides
    # what it says itself.
    r"\w*rådet",
    r"föreningen",
    r"årsmötet",
    r"\w*stämman",
    # "Direktionen beslutar …", "Förbundsdirektionen beslutar …".
    r"(?:förbunds)?direktionen",
    # "Revisorerna beslutar att godkänna rapporten": a municipality's auditors decide their own
    # audit (its plan, its reports, its budget request).
    r"\w*revisorerna",
)
_DECIDING_BODY = "|".join(DECIDING_BODIES)
_DECIDING_VERB = (
    r"beslutade|beslutar|beslöt|godkänner|godkände|fastställer|fastställde|antar|antog"
    r"|beviljar|beviljade|avslår|avslog"
)

# "Reservation § 26: …", "Protokollsanteckning till § 36": a note that names the item it
# belongs to, wherever it stands (a block after the table of items, the protocol's end).
ASIDE_FOR = re.compile(
    r"^(?:reservation(?:er)?|protokollsanteckning(?:ar)?|särskil(?:t|da)\s+yttranden?)\s*"
    r"(?:(?:till|mot|i|under|vid|gällande|avseende|för)\s+)?(?:beslutet\s+(?:i|under)\s+)?"
    r"§\s*(?P<number>\d{1,3})\b",
    re.IGNORECASE,
)

# A sentence whose subject is the body that decides.
DECIDING_BODY = re.compile(rf"^(?:{_DECIDING_BODY})\s+\w+", re.IGNORECASE)
# "Arbetsutskottet fattade inget beslut i ärendet", "Nämnden fattar inga beslut": the body says it
# left undecided an item that was before it for decision (its section is Beslut, as every set's
# keys have it), unlike "Inga beslut fattas" under a report.
BODY_LEFT_UNDECIDED = re.compile(
    rf"\b(?:{_DECIDING_BODY})\s+(?:fattar|fattade|tar|tog)\s+(?:inget|inga|något|några)\s+beslut\b",
    re.IGNORECASE,
)

BOARD_DECISION = re.compile(
    # "Arbetsutskottet beslutar att föreslå kommunstyrelsen …": an utskott decides its own part;
    # "Kommunstyrelsen beslutar att föreslå kommunfullmäktige …" likewise.
    rf"\b(?:{_DECIDING_BODY}|mötet)\s+(?:{_DECIDING_VERB})\b"
    # The verb first after a phrase put before it: "Efter votering beslutar nämnden att …".
    rf"|\b(?:{_DECIDING_VERB})\s+(?:{_DECIDING_BODY})\s+att\b"
    # One body proposing that another decide, with no "beslutar att" before it: "Personalutskottet
    # föreslår regionstyrelsen besluta att anta …", "Arbetsutskottet föreslår styrelsen för X AB
    # besluta att …", "… föreslår kommunfullmäktige att anta …": proposing is its own decision;
    # the body named with its adjective too ("… föreslår tekniska nämnden besluta att …").
    rf"|\b(?:{_DECIDING_BODY})\s+(?:föreslår|föreslog)\s+(?:[\w-]+\s+och\s+|[^\W\d_]+[ae]\s+)?"
    rf"(?:{_DECIDING_BODY})\b"
    r"[^.]{0,80}?"
    r"\b(?:att\s+)?(?:besluta|anta|godkänna|fastställa|bevilja)\b"
    # In the passive, with the body unnamed: "Beslutades att godkänna …", "Det beslutades att …".
    r"|(?:^|[.!?]\s+)(?:det\s+)?beslutades\s+att\b",
    re.IGNORECASE,
)


# --- dialog items in minutes without section headings ------------------------------------------
# Writers who file a discussion under Dialog where no heading says so (issue #14, twentyfifth
# and twentysixth): the item's title says it is one ("Diskussion: …", "Dialog om …", "Samtal
# om …", "… – diskussion", "Reflektion: …"), or asks ("Hur …?", "Värdegrundsarbete: vad
# betyder …?"), or its text says the group talked it over and nothing was decided.
_TALK_NOUN = (
    r"(?:diskussion|diskussioner|dialog|samtal|reflektion|reflektioner|gruppdiskussion"
    r"|gruppsamtal)"
)
_ASKING = r"(?:hur|vad|varför|vilka|vilken|vilket|när|ska|bör|kan|behöver)"
_DISCUSSION_TITLE = re.compile(
    rf"^{_TALK_NOUN}(?:\s*[:–—-]\s*\S|\s+(?:om|kring|runt|angående|inför|på\s+temat)\s)"
    rf"|\s[–—-]\s*{_TALK_NOUN}$"
    # A question the meeting talked over, alone or after its topic's colon or dash.
    rf"|^(?:[^:?–—]{{1,60}}(?::|\s[–—-])\s+)?{_ASKING}\s[^?]*\?$",
    re.IGNORECASE,
)
# "Gruppen diskuterade …", "Parterna för en dialog om …", "Samtal fördes om …", "Samtal i
# mindre grupper", "Dialogen fortsätter i referensgruppen": the meeting talked, in the past or
# the present ("diskuteras" alone is as often a later meeting's, so it does not count).
_DISCUSSED = re.compile(
    r"\b(?:diskuterade|diskuterar|diskuterades|samtalade|samtalar|resonerade|resonerar"
    r"|reflekterade|reflekterar)\b"
    # "för en dialog", not "underlag för diskussion" (what a paper is for).
    rf"|\b(?:för|förde)\s+(?:en|ett)\s+{_TALK_NOUN}\b"
    rf"|\b(?:fördes|förs)\s+(?:en\s+|ett\s+)?{_TALK_NOUN}\b"
    rf"|\b{_TALK_NOUN}\s+(?:fördes|förs|hölls|följde)\b"
    rf"|^{_TALK_NOUN}\s+i\s+(?:mindre\s+|små\s+)?grupper\b|^(?:gruppsamtal|gruppdiskussion|bikupa)"
    r"|\b(?:delar|delade)\s+(?:med\s+sig\s+av\s+)?(?:sina\s+)?erfarenheter\b"
    r"|\b(?:dialogen|samtalet|diskussionen)\s+fortsätter\b"
    # "Samtal om hur kvällspassen ska fördelas.": a note without its verb opens on the talk,
    # as a title that says it is one does ("Samtal om …").
    rf"|(?:^|[.!?]\s+){_TALK_NOUN}\s+(?:om|kring|runt|angående)\s",
    re.IGNORECASE | re.MULTILINE,
)
# An item that opens with someone's information ("X informerar om …", "Jenny redogör för
# läget") is information, whatever talk followed it ("Frågan diskuterades.").
_INFORMING = re.compile(
    r"\b(?:informerar|informerade|informeras|redovisar|redovisade|redovisas|redogör|redogjorde"
    r"|rapporterar|rapporterade|presenterar|presenterade|presenteras|berättar|berättade"
    r"|föredrar|föredrog|beskriver|beskrev|visar|visade|(?:går|gick)\s+igenom)\b"
    r"|^information\b",
    re.IGNORECASE,
)
# A title that names a report ("Arbetsmiljö: resultat av medarbetarenkäten", "Uppföljning av
# handlingsplanen", "Heltid som norm, lägesrapport"): information, though the group discussed it.
_REPORT_TITLE = re.compile(
    r"(?:information|rapport|redovisning|redogörelse|uppföljning|statistik|resultat|bokslut"
    r"|prognos)",
    re.IGNORECASE,
)


def is_discussion_title(title: str) -> bool:
    return bool(_DISCUSSION_TITLE.search(title.strip()))


def tells_discussion(title: str, first_sentence: str, text: str) -> bool:
    """Whether an item's text says the group talked it over, without its title naming a report
    or its first sentence someone's information."""
    return bool(
        _DISCUSSED.search(text)
        and not _REPORT_TITLE.search(title)
        and not _INFORMING.search(first_sentence)
    )
