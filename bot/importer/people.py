"""Justerare and parties: who checks the minutes, for which side, read from sentences and lists."""

from __future__ import annotations

import re

from bot.importer.shapes import (
    _JUSTERARE_LABEL,
    _LABEL_VALUE,
    _cut_after,
    _ends_sentence,
    _strip_marker,
)
from bot.importer.vocabulary import (
    ATTENDANCE,
    DATE_PATTERN,
    NAME_TOKEN,
    OUTCOME_LABELS,
    PRESENTER_LABEL,
    PRESENTER_WORD,
    SECRETARY,
    SIGNING_SERVICE,
    SUBSTITUTE_WORDS,
    UPPER,
    decision_of,
    is_board_role,
    is_employer_role,
    is_party,
    is_person_name,
    is_political_party,
    is_presenter,
    is_when_line,
    without_title,
)

_JUSTERAR = re.compile(r"\bjusterar\b", re.IGNORECASE)  # someone does it, not "justeras"


# "Att jämte ordföranden justera …", "A justerar tillsammans med ordföranden": the chair too.
_ALONG_WITH_CHAIR = r"(?:jämte|tillsammans\s+med)\s+(?:mötes)?ordförande(?:n)?\b"


# "Sekreterare: Emma Strand": a role's label with the name chosen for it.
_ROLE_LABEL = re.compile(
    rf"^(?:mötes)?(?P<role>sekreterare|protokollförare|ordförande)\s*:\s*(?-i:{NAME_TOKEN})\s",
    re.IGNORECASE,
)


def _prose(line: str) -> bool:
    """A sentence of the body, which no letterhead holds: six words or more, a full stop."""
    return (
        len(line.split()) >= 6
        and _ends_sentence(line)
        and not (_LABEL_VALUE.match(line) or ATTENDANCE.match(line) or _person_line(line))
        and not (is_when_line(line) or _listing(line))
        and not _JUSTERARE_LABEL.match(line)
    )


_PARENTHESIS_ONLY = re.compile(r"^\([^()]{2,60}\)$")


def _listing(line: str) -> bool:
    """ "Anneli Viklund (Kommunal), Ola Berggren (Vision), Petra", "(avdelningschef,
    ordförande), Therese Näslund (HR-partner),": nothing but names, parties and labels; "Eva
    Ros, nämndsekreterare; Ola Ek, ekonomichef.": people with their roles between semicolons."""
    people = [p.strip() for p in line.rstrip(" .").split(";")]
    if len(people) >= 3 and _PARENTHESIS_ONLY.match(people[0]):
        # "(ordförande); Ola Brink, arbetsledare; Kent Olsson,": the line opens with the role
        # of the person the line above ended on, which the page width put here.
        people = people[1:]
    if len(people) >= 2 and all(_person_line(p) for p in people if p):
        return True
    if "(" not in line and ")" not in line:
        return False
    bare = re.sub(r"\([^()]*\)|^[^()]*\)|\([^()]*$", ",", line)
    pieces = [p.strip() for p in re.split(r"[,.;:]|\s+och\s+", bare) if p.strip()]
    return bool(pieces) and all(
        is_person_name(p)
        or re.fullmatch(NAME_TOKEN, p)
        or ATTENDANCE.match(p)
        or is_party(p)
        or is_board_role(p)
        for p in pieces
    )


_PERSON_LINE = re.compile(
    rf"^{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}}(?:\s*(?:[|,(;–-]|\s)\s*[^.!?]*)?$"
)


def _person_line(line: str) -> bool:
    """ "Karin Ulfsdotter, ordförande", "Lena Fors | förvaltningschef": a person and a role."""
    if len(line) > 100 or not _PERSON_LINE.match(line):
        return False
    head = " ".join(re.split(r"\s*[|,(;–]\s*", line, maxsplit=1)[0].split()[:2])
    return is_person_name(head)


_ELECTED = re.compile(
    r"[,\s]*\b(?:valdes|väljs|utsågs|utses|blev|är|var)\b(?:\s+(?:som|till|att))?.*$",
    re.IGNORECASE,
)


_ELECTED_FIRST = re.compile(
    r"^(?:till\s+)?(?:protokoll)?justerare(?:\s+(?:valdes|väljs|utsågs|blev))?\s*:?\s*"
    r"|^(?:att\b.*?\bjustera\b.*?\b(?:valdes|väljs|utsågs|utses))\s+",
    re.IGNORECASE,
)


_JUSTERAR = re.compile(
    rf"^(?P<names>{UPPER}[^.;]*?)\s+(?:justerar|har\s+justerat)\b(?:\s+(?:dagens\s+)?(?:protokoll(?:et)?"
    r"|minnesanteckningar(?:na)?|anteckningar(?:na)?))?(?:\s+(?:digitalt|elektroniskt))?"
    r"(?:\s+(?:för|åt)\s+(?P<party>[^.;]+?))?"
    # "… justerar protokollet tillsammans med Eva Berg (för arbetsgivaren)": one more.
    rf"(?:\s+{_ALONG_WITH_CHAIR}|\s+(?:tillsammans\s+med|jämte)\s+(?P<also>{UPPER}[^.;]*?))?"
    r"\s*[.;]?$"
)


# "… justeras digitalt via BankID av A och B": the service it is signed in.
_JUSTERAS_AV = re.compile(
    r"^(?:(?:protokollet|minnesanteckningarna|anteckningarna)\s+)?(?:justera(?:s|t|des)"
    # "Justering sker digitalt med e-signatur av A, ST, och B, arbetsgivaren."
    r"|justering(?:en)?\s+(?:sker|görs|skedde|gjordes))"
    # "Protokollet justeras jämte ordföranden av A": the chair signs beside the one named.
    rf"(?:\s+{_ALONG_WITH_CHAIR})?"
    rf"(?:\s+(?:digitalt|elektroniskt))?(?:\s+{SIGNING_SERVICE})?"
    rf"(?:\s+(?:den\s+)?{DATE_PATTERN})?\s+av\s+(?P<names>.+?)\.?$",
    re.IGNORECASE,
)


# "Till justerare valdes A", "Att jämte ordföranden justera protokollet utsågs A", "A och B
# valdes att justera dagens protokoll", "A, Vision, valdes till justerare": a sentence of the
# choice of justerare, wherever it stands.
_TODAYS = (
    r"(?:dagens|detta|mötets)\s+(?:möte|sammanträde|protokoll|anteckningar|minnesanteckningar"
    r"|mötesanteckningar|träff)"
)


_ALSO_COUNTING = r"(?:\s+(?:tillika|och|samt)\s+rösträknare)"


_CHOSEN_STATEMENT = re.compile(
    # "Till justerare valdes A", "Som justerare för dagens möte utsågs A".
    # "Två justerare utsågs: A och B".
    r"^(?:(?:till|som)\s+)?(?:(?:en|två|tre|\d)\s+)?(?:protokoll)?justerare"
    # "Till justerare för dagens anteckningar valdes A": what they justera, named between.
    rf"(?:\s+för\s+{_TODAYS})?"
    # "Till justerare jämte ordföranden utses A (S) och B (M)": the chair's words between.
    rf"(?:\s+{_ALONG_WITH_CHAIR})?"
    # "Till justerare tillika rösträknare väljs A och B": a förening's second task for them.
    rf"{_ALSO_COUNTING}?"
    r"\s+(?:valdes|utsågs|utses|väljs)(?:\s*:\s*|\s+)(?P<after>.+?)\.?$"
    # "Att justera protokollet utsågs A", "Till att justera protokollet valdes A".
    r"|^(?:till\s+)?att\s+(?:jämte\s+\w+\s+)?justera\b[^.]*?\b(?:valdes|utsågs|utses|väljs)\s+"
    r"(?P<after2>.+?)\.?$"
    rf"|^(?P<before>{UPPER}.*?),?\s+(?:valdes|utsågs|utses|väljs)\s+(?:till|som|att)\s+"
    rf"(?:(?:protokoll)?justerare(?:\s+för\s+{_TODAYS})?{_ALSO_COUNTING}?"
    r"|(?:jämte\s+\w+\s+)?justera\b[^.]*)"
    r"\.?$",
    re.IGNORECASE,
)


# "Val av justerare: A (Vision) och B (Kommunal)." as a line of text, under "Inledning".
_CHOICE_LABEL = re.compile(
    r"^val\s+av\s+(?:protokoll)?justerare(?:\s+och\s+\w+)?\s*:\s*(?P<names>\S.*)$", re.IGNORECASE
)


_TRAILING_DATE = re.compile(
    rf"\s*,?\s*(?:(?:senast|före|innan|den)\s+)*{DATE_PATTERN}\.?$", re.IGNORECASE
)


_SENTENCES = re.compile(r"(?<=[.;])\s+(?=[A-ZÅÄÖ])")


# "Protokollet signeras av A och B", "Att underteckna protokollet utsågs A": the justering by
# its other verbs, read as "justeras" / "justera" where the protocol is named.
_SIGNING_VERB = re.compile(
    r"(?P<lead>\b(?:protokollet|anteckningarna|minnesanteckningarna)\s+)"
    r"(?:signer|underteckn)(?P<e1>as|ades)\b"
    r"|\b(?:signer|underteckn)(?P<e2>a|ar|ade)\b(?=\s+(?:dagens\s+)?(?:protokoll|anteckningar))",
    re.IGNORECASE,
)


def _as_justering(line: str) -> str:
    return _SIGNING_VERB.sub(lambda m: (m["lead"] or "") + "juster" + (m["e1"] or m["e2"]), line)


def _justering_statements(line: str) -> list[tuple[str, str]] | None:
    """People in a line made only of "X justerar protokollet för Y." sentences, else None;
    also as a list item ("• A och B justerar anteckningarna.")."""
    line = _as_justering(line)
    marker, bare = _strip_marker(line)
    line = bare if marker == "bullet" else line
    label = _JUSTERARE_LABEL.match(line) or _CHOICE_LABEL.match(line)
    if label:
        return _names_from_list(label["names"])
    people: list[tuple[str, str]] = []
    for sentence in _SENTENCES.split(line.strip()):
        if SECRETARY.match(sentence) and not _JUSTERING_WORD.search(sentence):
            # "Antecknat av Oskar Lindahl. Justerat av Rebecka Sundin.": the note-taker's
            # sentence beside the justering names no justerare, and ends no line of them.
            continue
        match = _JUSTERAR.match(sentence)
        if match:
            named = _names_from_list(match["names"])
            if not named:
                return None
            if match["party"] and not any(party for _name, party in named):
                named = _more_for([name for name, _party in named], match["party"].strip())
            people.extend(named)
            people.extend(_names_from_list(match["also"] or ""))
            continue
        match = _JUSTERAS_AV.match(sentence)
        if match:
            people.extend(_names_from_list(_TRAILING_DATE.sub("", match["names"])))
            continue
        chosen = _CHOSEN_STATEMENT.match(sentence)
        if not chosen:
            return None
        names = chosen["after"] or chosen["after2"] or chosen["before"]
        named = _names_from_list(_TRAILING_DATE.sub("", names))
        if not named:
            return None
        people.extend(named)
    return people or None


# "justera", "justerare", "justeras": a sentence that speaks of the justering.
_JUSTERING_WORD = re.compile(r"\bjuster", re.IGNORECASE)


_CHOSEN = re.compile(
    r"\b(?:till|som)\s+(?:protokoll)?justerare\s+(?:valdes\s+|utsågs\s+|väljs\s+)?"
    r"(?P<names>[A-ZÅÄÖ].*)$"
    # "Nämnden utser/väljer A (S) att jämte/tillsammans med ordföranden justera …".
    r"|\b(?:utse(?:r|s)?|utsåg|välj(?:er|s)|valde)\s+(?P<names2>[A-ZÅÄÖ].*?)\s+(?:att|till\s+att)\s+"
    r"(?:(?:jämte|tillsammans\s+med)\s+\w+\s+)?justera",
)


_FOR_PARTY = re.compile(
    rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s+(?:för|från)\s+(?P<party>.+)$"
)


_ONE_NAME = re.compile(rf"^{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}}$")


def _more_for(first: list[str], rest: str) -> list[tuple[str, str]]:
    """ "Vision, Erik Nord för Kommunal och Maria Lind för arbetsgivaren" after "A justerar för",
    also "Vision samt B och C för Kommunal" (as the bot writes several of one party)."""
    pieces = re.split(r",\s*(?:och\s+|samt\s+)?|\s+(?:och|samt)\s+", rest)
    people = [(name, pieces[0].strip()) for name in first]
    waiting: list[str] = []
    for piece in (p.strip() for p in pieces[1:]):
        match = _FOR_PARTY.match(piece)
        if match:
            party = match["party"].strip()
            people += [(name, party) for name in (*waiting, match["name"])]
            waiting = []
        elif _ONE_NAME.match(piece):
            waiting.append(piece)
        else:
            return [(name, rest) for name in first]
    return people if not waiting else [(name, rest) for name in first]


def _justering_in(line: str, *, whole: bool) -> list[tuple[str, str]]:
    """The people a line of a justerare item names: of its sentences those about the justering
    ("Till sekreterare valdes A. B och C valdes att justera."); `whole`: the item is the choice
    of justerare, and a line without such a sentence ("A (Vision) och B (Kommunal).") is read
    whole."""
    labelled = _JUSTERARE_LABEL.match(line)
    if labelled and labelled["names"].strip():
        # "Justerare: A, SSR; B, Kommunal; C, arbetsgivaren.": the label heads one list, which
        # its semicolons do not cut into sentences.
        return _names_from_list(labelled["names"])
    line = _as_justering(line)
    # "Justering sker digitalt med e-signatur av A, ST, och B, arbetsgivaren." says "justera"
    # only as a noun: a sentence of that form is about the justering too.
    about = [
        s
        for s in _SENTENCES.split(line)
        if "justera" in s.casefold() or _JUSTERAS_AV.match(s.strip())
    ]
    # "Sekreterare: Emma Strand" in "Val av sekreterare och justerare": another role's name.
    if whole and not about and not _ROLE_LABEL.match(line.strip()):
        about = [line]
    return [person for sentence in about for person in _names_from_sentence(sentence)]


# The secretary as the text names them: "… som uppdrog åt Oskar Lindqvist att föra dagens
# protokoll", "Till sekreterare valdes Magnus Wall", "Eva Ek utsågs till protokollförare".
_KEEPER = rf"(?:{NAME_TOKEN})(?:\s+{NAME_TOKEN}){{1,2}}"


_MINUTE_KEEPER = re.compile(
    rf"\b(?:uppdrog|uppdrar|gav)\s+(?:åt\s+)?(?P<a>{_KEEPER})\s+att\s+föra\s+"
    r"(?:dagens\s+)?(?:protokoll|protokollet|anteckningarna|minnesanteckningarna)\b"
    rf"|\btill\s+(?:mötes)?(?:sekreterare|protokollförare)\s+(?:valdes|utsågs|utses|väljs)\s+"
    rf"(?P<b>{_KEEPER})"
    rf"|(?P<c>{_KEEPER})\s+(?:valdes|utsågs|utses|väljs)\s+(?:till|som)\s+(?:mötes)?"
    r"(?:sekreterare|protokollförare)\b"
)


def _minute_keepers(text: str) -> set[str]:
    """The people the text names as keeping the minutes (never justerare by a signature)."""
    flat = " ".join(text.split())
    return {(m["a"] or m["b"] or m["c"]) for m in _MINUTE_KEEPER.finditer(flat)}


# "A (Vision) valdes att justera protokollet tillsammans med B.": one more person after the verb.
_JUSTERA_ALONG_WITH = re.compile(
    rf"\bjustera\w*\b[^.]*?\s(?:tillsammans\s+med|jämte)\s+(?P<who>{UPPER}[^.;]*)"
)


def _names_from_sentence(sentence: str) -> list[tuple[str, str]]:
    """ "Christina Gustafsson och Cecilia Cederström valdes som justerare." → two people."""
    people = _chosen_in_sentence(sentence)
    along = _JUSTERA_ALONG_WITH.search(sentence)
    if along and people:
        known = {name for name, _ in people}
        people += [p for p in _names_from_list(along["who"]) if p[0] not in known]
    return people


# "… utses Elin Forsmark (V) med Rasmus Holm (M) som ersättare", "… och Bo Ek som suppleant":
# the substitute named after the justerare, who signs only if the justerare cannot.
_SUBSTITUTE_AFTER = re.compile(
    rf",?\s+(?:med|och|samt)\s+{UPPER}[^.;]*?\s+som\s+(?:{SUBSTITUTE_WORDS})\b[^.;]*"
)


# "Till sekreterare valdes A och att justera minnesanteckningarna valdes B", "Till ordförande
# valdes A, till sekreterare B och till justerare C": one sentence of several choices, a clause
# each, joined where the next one opens on its "till"/"att".
_NEXT_CHOICE = re.compile(r",?\s+(?:och|samt)\s+(?=(?:till|att)\s)|,\s+(?=(?:till|att)\s)", re.I)


def _chosen_in_sentence(sentence: str) -> list[tuple[str, str]]:
    sentence = re.sub(r"^beslut\s*:\s*", "", sentence.strip(), flags=re.IGNORECASE)
    clauses = _NEXT_CHOICE.split(sentence)
    about = [c for c in clauses if _JUSTERING_WORD.search(c)]
    if len(clauses) > 1 and about and len(about) < len(clauses):
        # Only the clause of the justering names justerare; the secretary's names none. A
        # clause that names no one was no choice of its own: "Mötet valde Maria Ek, Seko, att
        # justera protokollet" is one choice, its "att justera" after the party's comma.
        chosen = [person for clause in about for person in _chosen_in_sentence(clause)]
        if chosen:
            return chosen
    sentence = _SUBSTITUTE_AFTER.sub("", sentence)
    statements = _justering_statements(sentence)
    if statements:
        return statements
    chosen = _CHOSEN.search(sentence)
    if chosen:
        return _names_from_list((chosen["names"] or chosen["names2"]).rstrip("."))
    text = _ELECTED_FIRST.sub("", sentence.strip())
    text = _ELECTED.sub("", text).strip().rstrip(".")
    return _names_from_list(text)


def _split_outside_parentheses(text: str) -> list[str]:
    parts, depth, current = [], 0, []
    # "hälso- och sjukvårdsdirektör": a shared ending's "och" joins two words, not two people.
    tokens = re.split(
        r"(\(|\)|,\s*(?:och|samt)\s+|,|(?<!-)\s+och\s+|(?<!-)\s+samt\s+|\s*&\s*|;)", text
    )
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and token is not None
            and re.fullmatch(r",\s*(?:och|samt)\s+|,|\s+(?:och|samt)\s+|\s*&\s*|;", token)
        ):
            parts.append("".join(current))
            current = []
            continue
        current.append(token or "")
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


# "A (Vision)   B (Kommunal)": columns run together, the next person after the parenthesis;
# "Nora Fält / Kommunal", "Nora Fält – Kommunal": a name and its party.
_NEXT_AFTER_PARENTHESIS = re.compile(rf"\)\s+(?={UPPER})")


_NAME_PARTY_SEPARATOR = re.compile(r"\s+[/–—]\s+")


_ALONG_WITH = re.compile(rf"\s+(?:tillsammans\s+med|jämte)\s+(?={UPPER})")


def _names_from_list(text: str) -> list[tuple[str, str]]:
    """ "A, SSR, och B, Kommunal" / "A (Vision) och B" / "A och B" → [(name, party), ...]."""
    text = _NAME_PARTY_SEPARATOR.sub(", ", _NEXT_AFTER_PARENTHESIS.sub("), ", text))
    # "A (Vision) och B (Kommunal) tillsammans med C för arbetsgivaren": one more person.
    text = _ALONG_WITH.sub(" och ", text)
    people: list[tuple[str, str]] = []
    pending = ""
    for part in _split_outside_parentheses(text.strip().rstrip(".")):
        paren = re.match(r"^(?P<name>.*?)\s*\((?P<party>[^)]*)\)$", part)
        name, party = (paren["name"], paren["party"].strip()) if paren else (part, "")
        name = name.strip()
        for_party = None if party else _FOR_PARTY.match(name)
        if for_party and is_person_name(for_party["name"]):
            name, party = for_party["name"], for_party["party"].strip()
        words = name.split()
        if (
            not party
            and len(words) >= 3
            and is_party(words[0])
            and is_person_name(" ".join(words[1:]))
        ):
            # "A, Vårdförbundet B, arbetsgivaren": two cells of a table run together.
            if people and not people[-1][1]:
                people[-1] = (people[-1][0], words[0])
            name = " ".join(words[1:])
        untitled, title = without_title(name)
        if title and not is_person_name(name):
            # "avdelningschef Eva Berg": the employer's side, its title before the name.
            manager = is_employer_role(title.split()[-1])
            name, party = untitled, party or ("arbetsgivaren" if manager else "")
        if is_person_name(name):
            people.append((name, party or pending))
            pending = ""
        elif people and not people[-1][1] and _party_like(name):
            # "A, huvudskyddsombud Vårdförbundet": the union, without the role before it.
            role_first = _party_in(name) if name.split()[0].islower() else ""
            people[-1] = (people[-1][0], role_first or name.removeprefix("för ").strip())
        elif people and not people[-1][1] and is_employer_role(name):
            # "A, enhetschef, och B, Kommunal": the manager's role after a comma, as "(enhetschef)".
            people[-1] = (people[-1][0], name)
        elif _party_like(name):
            pending = name.removeprefix("för ").strip()  # "Vision – Sanna Ros": the party first
    return people


# "Eva Marklund, ordförande (arbetsgivaren)", "Anders Holm, huvudskyddsombud (ST)": a role after
# the name and the side in parentheses after the role.
_ROLE_PARENTHESIS = re.compile(r",\s*(?P<role>[^,()]{2,40}?)\s*\((?P<party>[^()]{1,40})\)")


def _party_of_role(match: re.Match[str]) -> str:
    """ " (ST)" for ", huvudskyddsombud (ST)": the side the role's parenthesis names, where the
    role is one (a board's, the employer's, an ombud); else the text as written."""
    role, party = match["role"].strip(), match["party"].strip()
    is_role = is_board_role(role) or is_employer_role(role) or role.casefold().endswith("ombud")
    if is_role and (_party_like(party) or party.casefold() == "arbetsgivaren"):
        return f" ({party})"
    return match.group()


def _names_only(line: str) -> list[tuple[str, str]]:
    """The people of a line that holds nothing but names and parties ("Anna Ek, Vision"), also
    as a list item ("– Anna Ek, Vision")."""
    line = _strip_marker(line)[1] if _strip_marker(line)[0] == "bullet" else line
    line = _ROLE_PARENTHESIS.sub(_party_of_role, line)
    line = _NAME_PARTY_SEPARATOR.sub(", ", _NEXT_AFTER_PARENTHESIS.sub("), ", line))
    parts = _split_outside_parentheses(line.strip().rstrip("."))
    people = _names_from_list(line)
    named = sum(1 for part in parts if is_person_name(re.sub(r"\s*\(.*\)$", "", part)))
    # "Helena Ruuth, verksamhetschef" under "Justerat": a manager's title names the side.
    parties = sum(1 for part in parts if _party_like(part) or is_employer_role(part))
    return people if people and named + parties == len(parts) else []


def _party_like(text: str) -> bool:
    words = text.removeprefix("för ").split()
    return is_party(text) or (len(words) == 1 and words[0][:1].isupper())


# The words of a label column over the unions' rows ("Fackliga / parter:", "Arbetstagar- /
# organisationer:"): no party of their own.
_SIDE_LABEL_WORDS = frozenset(
    {"fackliga", "facket", "arbetstagar", "arbetstagarorganisationer", "organisationer", "parter"}
)


_NAME_CUT = re.compile(rf"[,;]\s*(?P<word>{NAME_TOKEN})$")


def _name_cut(line: str) -> bool:
    """ "…, Petra": a list line that ends on a first name alone, not on a party ("…, Vision")."""
    cut = _NAME_CUT.search(line)
    return bool(cut) and not (is_party(cut["word"]) or is_presenter(cut["word"]))


def _after_bare_label(line: str) -> str:
    """ "Beslutande Ylva Dahlin (S), ordförande" (a label column without its colon, the gap
    after it collapsed): the names after the label's one to three words, else the line."""
    words = line.split()
    for size in (3, 2, 1):
        label, rest = " ".join(words[:size]), " ".join(words[size:])
        first = re.split(r"[,(;]", rest, maxsplit=1)[0].strip()
        if len(words) > size and ATTENDANCE.fullmatch(label) and is_person_name(first):
            return rest
    return line


_ROLE_COLUMN = re.compile(
    r"^(?i:(?:vice\s+)?ordförande|sekreterare|protokollförare|justerare)\s+(?=[A-ZÅÄÖ])"
)


def _sides(lines: list[str], wanted: set[str]) -> dict[str, str]:
    """Each person the minutes list with a party ("A, Vision", "A (Vision)", "A | Vision") or
    with a manager's role ("A, verksamhetschef": the employer side), by name."""
    sides: dict[str, str] = {}
    joined: list[str] = []
    for line in lines:
        # "• Birgitta Hellström (S), ordförande": a list's bullet is no part of the name.
        marker, bare = _strip_marker(line)
        line = bare if marker == "bullet" else line
        # "…, Petra" + "Ljung (Sveriges Lärare),": the page width cut a name after its first
        # word, as it cuts after a connective or a comma.
        listing = (
            joined
            and ATTENDANCE.match(joined[-1])
            and (_cut_after(joined[-1]) or _name_cut(joined[-1]))
        )
        if joined and (joined[-1].count("(") > joined[-1].count(")") or listing):
            joined[-1] = f"{joined[-1]} {line}"  # "Jan Fält (Sveriges" + "Lärare)"
        else:
            joined.append(line)
    above = ""  # a name alone on its line: a table's cells read one per line
    for line in joined:
        if not above and not any(name in line for name in wanted):
            continue  # only the lines that name someone whose party is looked for
        side = re.match(r"^(?P<party>[^:]{2,40}):\s*(?P<rest>.+)$", line)
        # "För Seko: Kjell Aronsson": the union the label names.
        label = re.sub(r"^(?:för|från)\s+", "", side["party"].strip(), flags=re.I) if side else ""
        # "Arbetsgivarrepresentanter:", "Närvarande för arbetsgivaren:": the employer's side.
        party = "arbetsgivaren" if re.search(r"arbetsgivar", label, re.I) else label
        generic = label.casefold() in ("fackliga", "facket")
        listed = side["rest"] if side else ""
        # A label column beside the values: "Fackliga   Vårdförbundet: Eva Lind" (the column's
        # word before the party), "parter:   Kommunal: Per Ek" (its last word, with a colon).
        words = party.split()
        while len(words) > 1 and words[0].casefold().rstrip(":-") in _SIDE_LABEL_WORDS:
            words = words[1:]
        party = " ".join(words)
        inner = re.match(r"^(?P<party>[^:]{2,40}):\s*(?P<rest>.+)$", listed)
        if side and not is_party(party) and inner and is_party(inner["party"].strip()):
            party, listed, generic = inner["party"].strip(), inner["rest"], False
        if side and is_party(party) and not generic:
            # "Vårdförbundet: Annika Strömberg", "Arbetsgivaren: A, grundskolechef; B".
            for piece in re.split(r"[,;]|\s+och\s+", listed):
                person = re.sub(r"\s*\(.*$", "", piece).strip()
                if is_person_name(person) and person == piece.strip():
                    sides.setdefault(person, party)
        if above and (_party_in(line) or is_employer_role(line)):
            sides.setdefault(above, _party_in(line) or "arbetsgivaren")
        elif above and is_presenter(line) and not is_person_name(line):
            continue  # "huvudskyddsombud" between a name and its party: the row goes on
        above = line if is_person_name(line) else ""
        label = ATTENDANCE.match(line)
        rest = line[label.end() :] if label and label.group(0).rstrip().endswith(":") else line
        if label and rest == line:
            rest = _after_bare_label(line)  # "Beslutande Ylva Dahlin (S), ordförande"
        role_column = None if label or side else _ROLE_COLUMN.match(line)
        if role_column:
            # "Ordförande   Eva Lind, avdelningschef (arbetsgivaren)": a header's label column
            # without its colon; the role is no part of the name beside it.
            rest = line[role_column.end() :]
        if side and rest == line:
            rest = side["rest"]  # "Skyddsombud: A, huvudskyddsombud (Seko)": any label of a list
        rest = _ATTENDANCE_SENTENCE.sub("", rest)  # "Närvarande var A (enhetschef), B (…)"
        # "| Tomas Ring, enhetschef | Sanna Ros, Vision |": a cell may hold a name and its party.
        # "| Ledamöter | A (C), ordförande; B (S); C (SD) |": a cell may hold a list.
        cells = (
            [p.strip() for c in rest.split("|") for p in re.split(r"[,;]", c)]
            if "|" in rest
            else None
        )
        pieces = cells or _split_outside_parentheses(rest.strip().rstrip("."))
        name = ""
        for index, piece in enumerate(pieces):
            following = pieces[index + 1].strip() if index + 1 < len(pieces) else ""
            if (
                name
                and piece[:1].islower()
                and not is_employer_role(piece)
                and _party_in(following)
                and not is_person_name(following)
            ):
                # "Karin Sundelin, lärare SFI, Sveriges Lärare", "Omar Haddad, studie- och
                # yrkesvägledare, Vision": the person's role (its unit's letters no union)
                # between the name and the party that follows it.
                continue
            paren = re.match(r"^(?P<name>.*?)\s*\((?P<party>[^)]*)\)$", piece)
            # "(Vision)", "(huvudskyddsombud, Sveriges Lärare)", "(enhetschef)".
            inside = paren["party"].split(",") if paren else []
            found = next((_party_in(p.strip()) for p in inside if _party_in(p.strip())), "")
            if not found and inside and is_employer_role(inside[0].strip()):
                found = "arbetsgivaren"
            if not found and inside and is_political_party(inside[0]):
                found = inside[0].strip()  # "Eva Lind (S), ordförande": a council's member
            if paren and is_person_name(paren["name"]) and found:
                sides.setdefault(paren["name"].strip(), found)
                name = ""
            elif paren and name and found:
                sides.setdefault(name, found)  # "Sara Nyqvist, huvudskyddsombud (Seko)"
                name = ""
            elif is_person_name(piece):
                name = piece
            elif name and _party_in(piece):
                sides.setdefault(name, _party_in(piece))
                name = ""
            elif name and is_political_party(piece):
                sides.setdefault(name, piece.strip())  # "| Stig Ek | S | ordförande |"
                name = ""
            elif name and is_employer_role(piece):
                sides.setdefault(name, "arbetsgivaren")
                name = ""
            elif name and not cells and _LOWER_ROLE.fullmatch(piece.strip()):
                # "Sara Lindgren, miljöinspektör och skyddsombud (Vision)": a role in lower
                # case between the name and the parenthesis that gives the party.
                continue
            else:
                name = "" if not cells else name
                # A table row read without its columns: "Eva Mård huvudskyddsombud Vårdförbundet".
                words = piece.split()
                for size in (2, 3):
                    head, tail = " ".join(words[:size]), " ".join(words[size:])
                    if tail and is_person_name(head):
                        if _party_in(tail):
                            sides.setdefault(head, _party_in(tail))
                        elif is_political_party(words[size]):
                            sides.setdefault(head, words[size])  # "Eva Lind  S  ordförande"
                        elif is_employer_role(tail):
                            sides.setdefault(head, "arbetsgivaren")  # "Göran Falk enhetschef"
                        else:
                            name = head  # "Nora Fahl skyddsombud", its party next
                        break
    return sides


# A role written in lower case ("miljöinspektör", "handläggare bygglov"): no name, no party.
_LOWER_ROLE = re.compile(r"[a-zåäö][\wåäö-]*(?:\s+[a-zåäö][\wåäö-]*){0,2}")


def _states_samverkan(text: str) -> bool:
    """Whether a sentence of the text says the item was samverkat ("Förslaget samverkades.
    Parterna är eniga."): the agreement that follows is the group's outcome, not a remark."""
    return any(decision_of(s) == "samverkat" for s in re.split(r"(?<=[.!?])\s+", text))


def _people_listed(line: str) -> bool:
    """Whether a labelled line lists two people or more ("Närvarande: A, rektor; B, Kommunal")."""
    label, _, rest = line.partition(":")
    pieces = [re.sub(r"\s*\(.*?\)", "", p).strip() for p in re.split(r"[,;]", rest)]
    return bool(label) and sum(1 for piece in pieces if is_person_name(piece)) >= 2


_ATTENDANCE_SENTENCE = re.compile(
    r"^(?:närvarande|deltagare|deltog|närvaro)\s+(?:var|är|vid\s+mötet\s+var)\s+", re.IGNORECASE
)


def _listed_chair(lines: list[str]) -> list[tuple[str, str]]:
    """The person the attendance list names as ordförande ("Stina Holm, avdelningschef,
    ordförande", or a table's cells one a line: the name on the line above)."""
    for index, line in enumerate(lines):
        # "Lars Holm (ordf)", "Eva Ek, ordf.": the abbreviation a förening's list uses.
        chair = r"\b(?:ordförande|ordf)\b"
        if not re.search(chair, line, re.IGNORECASE) or _prose(line):
            continue
        before = re.split(chair, line, maxsplit=1, flags=re.IGNORECASE)[0]
        # "Ledamöter<tab>Birgitta Sund (C), ordförande": a text export's cells apart by a tab.
        pieces = [p.strip() for p in re.split(r"[,;:(|\t]", before) if p.strip()]
        for piece in reversed(pieces):
            words = piece.split()
            if len(words) > 2 and ATTENDANCE.match(words[0]):
                words = words[1:]  # "Beslutande  Maria Holm (M), ordförande": the label apart
            for size in (3, 2):
                # "Ledamöter Birgitta Sund": a label before the name where cells ran together.
                for name in (" ".join(words[:size]), " ".join(words[-size:])):
                    if len(words) >= size and is_person_name(name):
                        return [(name, "")]
        if index and is_person_name(lines[index - 1]) and not before.strip(" ,(").istitle():
            return [(lines[index - 1].strip(), "")]
    return []


def _role_then_party(party: str) -> str:
    """ "skyddsombud, Vision" (a justerare's parenthesis): the party after the role; else as
    written."""
    role, _, last = party.rpartition(", ")
    if role and " " not in role.strip() and not is_party(role) and is_party(last.strip()):
        return last.strip()
    return party


def _party_in(piece: str) -> str:
    """ "Vision", "för Kommunal", "huvudskyddsombud Vårdförbundet": the party a piece names."""
    words = piece.removeprefix("för ").split()
    if len(words) > 1 and is_employer_role(words[0]):
        return "arbetsgivaren"  # "verksamhetschef BUF": the unit, not a union
    for start in range(1, len(words)):
        tail = " ".join(words[start:])
        if is_party(tail) and not is_party(words[0]):
            return tail  # a role before the party
    return " ".join(words) if words and is_party(" ".join(words)) else ""


def _more_people(found: list[tuple[str, str]], before: list[tuple[str, str]]) -> bool:
    """Whether `found` names more people, more of them with a party, or a party that goes on
    ("Sveriges" + "Lärare"), than `before`."""
    if len(found) > len(before) or sum(1 for _, p in found if p) > sum(1 for _, p in before if p):
        return True
    parties = dict(before)
    return any(
        len(party) > len(parties.get(name, party)) and party.startswith(parties[name])
        for name, party in found
    )


def _merge_people(people: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: dict[str, str] = {}
    for name, party in people:
        merged[name] = merged.get(name) or party
    return list(merged.items())


_SIGN_FOR = re.compile(
    rf"^för\s+(?P<party>[^:]+?)\s*:\s*(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})$", re.I
)


# A list of who attended after the signatures ("Närvarolista", "Närvarande:"), not a caption
# such as "För arbetsgivaren" that a signature block has.
_ATTENDANCE_AFTER = re.compile(
    r"^(?:närvarolista(?:n)?|närvaro|närvarande|deltagarlista(?:n)?|deltagare|frånvarande)\b"
    r"[^|]{0,40}$",
    re.IGNORECASE,
)


_ROLES = frozenset({"ordförande", "ordf", "sekreterare", "justerare", "kassör", "ledamot"})


_TRAILING_SEPARATOR = re.compile(r"\s*[-–—]+$")


_DASH_AT_END = re.compile(r"\s[–—-]$")


_DASH_FIRST = re.compile(r"^[–—-]\s+\S")


_DASH_BEFORE_LAST = re.compile(r"\s[–—-]\s+\S+$")


# Verbs that make a line a sentence, not a title ("Alla ska ha genomfört … Ansvarig: X").
_VERBS = frozenset({"är", "var", "har", "hade", "ska", "skall", "kan", "blir", "blev", "gäller"})


_TITLED_PRESENTER = re.compile(
    r"^(?P<title>[^.:]{3,100}?)[.,;]?\s+(?:föredragande|ansvarig)\s*:\s*(?P<who>[^.:]{3,60})$",
    re.IGNORECASE,
)


_DECISION_WORD = re.compile(r"^beslut\s*:?$", re.IGNORECASE)


_DECISION_LINE = re.compile(
    rf"^(?P<label>beslut|{OUTCOME_LABELS})\s*:\s*(?P<text>\S.*)$", re.IGNORECASE
)


def _split_presenter(title: str) -> tuple[str, str]:
    """ "Vakanshållning BUF, VC BUF" → ("Vakanshållning BUF", "VC BUF"); also "(…)" and " – …"."""
    title = _TRAILING_SEPARATOR.sub("", title.strip().rstrip(":").strip())
    paren = re.match(r"^(?P<title>.*\S)\s*\((?P<who>[^()]+)\)$", title)
    labelled = PRESENTER_LABEL.match(paren["who"].strip()) if paren else None
    if labelled:
        return paren["title"].strip(), labelled["who"].strip()  # "(Föredragande: Lisa Berg)"
    if paren and all(is_political_party(piece) for piece in paren["who"].split(",")):
        # "Val av ersättare … efter Ingrid Sjöberg (KD)", "Motion om … (M, L)": a council
        # party's letters say whose party the title names, never who presents the item.
        return title, ""
    if paren and PRESENTER_WORD.match(paren["who"].strip()):
        # "(föredragande Maja Sundberg)", "(redovisas av ekonomichef)": announced, no colon.
        return paren["title"].strip(), _unannounced(paren["who"])
    # "(Anna Ek, ekonomichef)", "(Bo Lund, Cia Falk)": each piece in the parenthesis presents.
    if paren and all(is_presenter(piece.strip()) for piece in paren["who"].split(",")):
        return paren["title"].strip(), paren["who"].strip()
    comma = title.rsplit(", ", 1)
    if (
        len(comma) == 2
        and is_presenter(_unannounced(comma[1]))
        and not _parties_listed(comma[0], comma[1])
    ):
        return comma[0].strip(), _unannounced(comma[1])
    # "… – HR-chef": the presenter after a spaced dash may hold a hyphen of its own.
    dash = re.match(r"^(?P<title>.*\S)\s+[–—-]\s+(?P<who>[^–—\s-](?:(?!\s[–—-]).)*)$", title)
    if dash and is_presenter(_unannounced(dash["who"])):
        return dash["title"].strip(), _unannounced(dash["who"])
    # "Budget /Anna Ek", "Budget. Föredragande: Anna Ek": the presenter after a slash or label.
    slash = re.match(r"^(?P<title>.*\S)\s*/\s*(?P<who>[^/]+)$", title)
    if slash and " " in slash["who"].strip() and is_presenter(slash["who"].strip()):
        return slash["title"].strip(), slash["who"].strip()
    labelled = _TITLED_PRESENTER.match(title)
    if labelled:
        return labelled["title"].strip(), labelled["who"].strip()
    return title, ""


def _parties_listed(before: str, after: str) -> bool:
    """ "… förhandlingar med Kommunal" + "Vision och Sveriges Ingenjörer": the comma lists the
    parties the title names ("A, B och C"), the last two after it; no presenter follows."""
    pieces = re.split(r"\s+(?:och|samt)\s+", after.strip())
    words = before.split()
    return (
        len(pieces) >= 2
        and all(is_party(piece) for piece in pieces)
        and any(is_party(" ".join(words[-n:])) for n in (1, 2, 3) if len(words) > n)
    )


def _unannounced(who: str) -> str:
    """ "föredragande VD Karin Alm" after a title's dash or comma: the presenter, without the
    word that announces one."""
    return PRESENTER_WORD.sub("", who.strip())
