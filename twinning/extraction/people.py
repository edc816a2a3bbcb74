"""Named persons with their function and affiliation.

Rules a reader of German and English press releases will recognise:

* role before the name: "Oberbürgermeister Frank Meyer", "Europa-Staatssekretär Marc Jan Eumann",
  "Mayor Vi Lyles", "Cllr Jane Smith", "OB Meyer";
* name, then the role in apposition: "Melissa Bryant, Direktorin der Flussaufsichtsbehörde",
  "Martha Henry als Leiterin Internationale Beziehungen", "Tobias Dorf (Vorsitzender …)";
* role phrase, then the name: "die Beigeordnete für Soziales, Umwelt und Gesundheit, Sabine Lauxen";
* photo credits: "Bild: Stadt Krefeld, Presse und Kommunikation, Dirk Jochmann";
* a known given name followed by a surname: "Holly Eskridge".

A bare surname later in the text ("OB Meyer", "Eumann") joins the person already named in full.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from twinning.core.text import fold
from twinning.extraction.lexicon import FUNCTION_WORDS, GIVEN_NAMES, STOPWORDS

_ROLE_STEMS = (
    "bürgermeister", "landrat", "landrät", "stadtrat", "stadträt", "ratsherr", "ratsfrau",
    "ratsmitglied", "beigeordnete", "dezernent", "kämmerer", "stadtdirektor", "minister",
    "staatssekretär", "präsident", "vertreter", "botschafter", "konsul", "vorsitzende", "vorstand", "leiter",
    "direktor", "geschäftsführer", "sprecher", "referent", "beauftragte", "koordinator",
    "professor", "rektor", "abgeordnete", "senator", "pfarrer", "kanzler", "sekretär", "gründer",
    "fotograf", "intendant", "dekan", "gouverneur", "chairperson", "treasurer", "schatzmeister",
    "stadtverordnete", "ortsvorsteher", "manager", "chef",
    "vorsteher", "bürgerschaftspräsident", "bezirksvorsteher", "obmann", "kurator", "kuratorin",
    "mayor", "councillor", "councilor", "councilman", "councilwoman", "councilmember",
    "governor", "ambassador", "president", "director", "chairman", "chairwoman", "chair",
    "secretary", "representative", "administrator", "officer", "coordinator", "commissioner",
    "ceo", "cllr", "alderman", "provost", "sheriff", "burgomaster", "maire", "adjoint",
    "burgemeester", "wethouder", "sindaco", "alcalde", "alcaldesa", "prezydent", "burmistrz",
    # occupations a text names people by: "des Rathenower Künstlers Detlef Frenkel", "Landwirten Uli Ernst"
    "künstler", "musiker", "gitarrist", "pianist", "organist", "dirigent", "sänger", "landwirt", "maler",
    "bildhauer", "autor", "journalist", "historiker", "trainer", "schulleiter",
)  # fmt: skip
_ROLE_WORD = re.compile(
    r"^(?:[\w]+-)*\w*(?:" + "|".join(_ROLE_STEMS) + r")(?:in|innen|inn|en|n|s|e|er|es|r|ern|nen)?$",
    re.IGNORECASE,
)
_ROLE_ABBREVIATIONS = frozenset({"OB", "OBin", "MdB", "MdL", "MdEP", "Cllr", "Cllr.", "Gov.", "Sen.", "Rep."})
_HONORIFIC = r"(?:(?:Dr|Prof|Dipl|Ing|Mag|Herr|Frau|Mr|Mrs|Ms|Sir|Dame|Madame|Monsieur|Mme|Mlle)\.?\s+)"
# "McManus", "O'Brien", "Armstrong-McGuire": a capital inside a surname after Mc/Mac/O'.
_CAP = (
    r"(?:Mc|Mac|O['’])?[A-ZÄÖÜÀ-ÞŁŚŻ][a-zäöüßà-ÿłśżćńęąõ'’]+"
    r"(?:-(?:Mc|Mac|O['’])?[A-ZÄÖÜ][a-zäöüßà-ÿ'’]+)?"
)
_PARTICLE = r"(?:(?:von|van|de|der|den|zu|di|da|du|le|la|ten|ter|del|dos|y)[ \t]+)"
# "J." or, in English, a bare middle initial: "Kevin J O'Leary", "Claudia B Quinn".
_INITIAL = r"(?:[A-ZÄÖÜ]\.\s?|[A-Z](?=[ \t]+(?:Mc|Mac|O['’])?[A-Z][a-z]))"
_NAME = rf"(?:{_CAP}|{_INITIAL})(?:[ \t]+{_PARTICLE}{{0,2}}(?:{_CAP}|{_INITIAL}))*"
_NAME_RE = re.compile(_NAME)
_WORD = re.compile(r"[\w'’.-]+")
# Words that end a name: a capitalised word that is no surname.
_NOT_SURNAME = (
    frozenset(
        fold(w)
        for w in [
            "sister",
            "cities",
            "city",
            "town",
            "county",
            "state",
            "council",
            "association",
            "university",
            "school",
            "partnerstadt",
            "stadt",
            "gemeinde",
            "rathaus",
            "bild",
            "foto",
            "fotos",
            "links",
            "rechts",
            "mitte",
            "vorsitzender",
            "international",
            "internationale",
            "business",
            "club",
            "choir",
            "band",
            "orchestra",
            "society",
            "committee",
            "circle",
            "trust",
            "foundation",
            "board",
            "fanclub",
            "group",
            "prize",
            "award",
            "preis",
            "team",
        ]
    )
    | FUNCTION_WORDS
)

_CREDIT = re.compile(
    r"(?:Bild|Bilder|Foto|Fotos|Photo|Photos|Credit|Fotograf(?:in)?|Copyright|Quelle|©)\s*:\s*"
    r"(?P<body>[^\n()]+?)\s*(?=\)|\n|$)"
)
_CREDIT_PERSON = re.compile(rf"^{_HONORIFIC}?(?:{_INITIAL}+|{_CAP}\s+)+{_CAP}$")
_MUNICIPALITY = re.compile(r"^(?:Stadt|Gemeinde|Landeshauptstadt|Hansestadt|Wissenschaftsstadt|City|Town|Ville)\b")


@dataclass(slots=True)
class Person:
    name: str
    role: str | None = None
    affiliation: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class PeopleResult:
    people: list[Person]
    credit_organizations: list[tuple[str, tuple[int, int]]]


@lru_cache(maxsize=65536)
def is_role_word(word: str) -> bool:
    return word in _ROLE_ABBREVIATIONS or bool(_ROLE_WORD.match(word))


_ADDRESS_WORDS = frozenset({"Herr", "Herrn", "Frau", "Madame", "Monsieur", "Mme", "Mme.", "Mr", "Mr.", "Mrs", "Mrs.",
                            "Ms", "Ms."})  # fmt: skip
_ORGANISATION_HEAD = re.compile(
    r"(?:gesellschaft|verein|verband|vereinigung|ministerium|behörde|schule|gymnasium|akademie|universität|"
    r"hochschule|institut|stiftung|zentrum|genossenschaft|kammer|amt)$",
    re.IGNORECASE,
)
# "a David Bowie tribute act": a name that stands for a show, not a person of the story.
# "a David Bowie tribute act" names a show; "the Barry Men Choir", "Charlotte Sister Cities" a body.
_NOT_PRESENT = re.compile(
    r"^['’]?s?\s+(?:tribute|lookalike|impersonator|cover band|Tribute|Choir|Band|Orchestra|Society|Committee|"
    r"Circle|Club|Association|Trust|Foundation|Board|Chor|Verein)\b"
)


def _common_word(word: str) -> bool:
    from twinning.extraction.tagger import is_common_word

    return is_common_word(word) or is_common_word(word.lower())


def _words(text: str) -> list[str]:
    return text.split()


def _trim_name(name: str, *, leading: bool = True) -> str:
    """Cut a name at the first word that cannot be part of it (role words, common words).

    With `leading`, words before the name that cannot start it are skipped instead.
    """
    kept: list[str] = []
    for word in name.split():
        key = fold(word)
        if _ORGANISATION_HEAD.search(word):
            kept.clear()  # "der Bautzener Wohnungsbaugesellschaft Kristen Schönherr": the name follows the body
            continue
        if kept and (key in _NOT_SURNAME or is_role_word(word)):
            break
        if not kept and (key in STOPWORDS or is_role_word(word) or key in _NOT_SURNAME):
            if leading:
                continue
            return ""
        kept.append(word)
    while kept and fold(kept[-1]) in {
        "von",
        "van",
        "de",
        "der",
        "den",
        "zu",
        "di",
        "da",
        "du",
        "le",
        "la",
    }:
        kept.pop()
    return " ".join(kept)


@lru_cache(maxsize=1)
def world_given_names() -> frozenset[str]:
    """Given names of gender-guesser's dictionary (columns 4-29 of data/nam_dict.txt), folded."""
    from importlib import resources

    names: set[str] = set()
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="iso8859-1")
    for line in data.splitlines():
        if line.startswith("#") or len(line) < 30:
            continue
        name = line[3:29].strip()
        if name and "<" not in name:
            names.add(fold(name.replace("+", " ")))
    return frozenset(names)


_NOUN_ENDING = re.compile(
    r"(?:tion|sion|ment|ity|ness|ship|acy|ance|ence|ange|ing|ism|ogy|ery|ure|ung|heit|keit|schaft)s?$", re.IGNORECASE
)


def _world_name(words: list[str], is_place: Callable[[str], bool] | None) -> bool:
    """Given name + surname when the given name is only in the wider register: not a place
    ("Sierra Vista's"), not a nationality ("German Riot"), no noun for a surname ("Urban Diplomacy")."""
    from twinning.extraction.lexicon import nationality_adjectives

    if len(words) > 3 or fold(words[0]) not in world_given_names() or fold(words[0]) in nationality_adjectives():
        return False
    if any(_NOUN_ENDING.search(word) for word in words[1:]):
        return False
    name = " ".join(words)
    bare = re.sub(r"['’]?s$", "", name)
    return is_place is None or not (is_place(name) or is_place(bare))


def _plausible(name: str, *, need_given: bool, is_place: Callable[[str], bool] | None = None) -> bool:
    words = name.split()
    if not words or any(w.isupper() and len(w) > 1 and not w.endswith(".") for w in words):
        return False
    if len(words) == 1:
        return not need_given and fold(words[0]) not in _NOT_SURNAME and len(words[0]) > 2
    first = words[0]
    given = all(part in GIVEN_NAMES for part in fold(first).split()) or first.endswith(".")
    # A given name of the wider register (gender-guesser's 46,000 names of 50 countries) when the
    # whole is not a place: "Sheila Mooney", but not "Sierra Vista".
    if need_given and not given and not _world_name(words, is_place):
        return False
    return (
        fold(words[-1]) not in _NOT_SURNAME and not words[-1].endswith((".", "innen")) and not is_role_word(words[-1])
    )


class _Collector:
    def __init__(self, text: str = "") -> None:
        self.text = text
        self.people: dict[str, Person] = {}
        self.claimed: list[tuple[int, int]] = []

    def taken(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.claimed)

    def add(
        self,
        name: str,
        span: tuple[int, int],
        role: str | None = None,
        affiliation: str | None = None,
    ) -> None:
        name = re.sub(rf"^{_HONORIFIC}+", "", name).strip()
        if name.endswith(("'s", "’s")):  # "Katie Vigar's two terms"
            name = name[:-2]
            span = (span[0], span[1] - 2) if span[1] - span[0] > len(name) else span
        if not name or self.taken(*span) or _NOT_PRESENT.match(self.text[span[1] : span[1] + 30]):
            return
        key = fold(name)
        person = self.people.get(key)
        if person is None and " " not in name:
            # A bare surname joins the person of that surname named before.
            person = next((p for p in self.people.values() if fold(p.name.split()[-1]) == key), None)
        if person is None:
            person = self.people[key] = Person(name)
        person.role = person.role or role
        person.affiliation = person.affiliation or affiliation
        person.spans.append(span)
        self.claimed.append(span)


_SHARED_SURNAME = re.compile(
    rf"(?<![\w-])(?P<first>[A-ZÄÖÜ][a-zäöüß]+) (?:and|und|&) (?P<second>[A-ZÄÖÜ][a-zäöüß]+) "
    rf"(?P<surname>{_CAP})(?![\w-])"
)
_PHRASE_END = re.compile(r"\s+(?:angereist|teil|ist|war|hat|haben|wird|sind|waren|traf|sagte|betonte)\b")
_COORDINATION = re.compile(r"\s+(?:und|sowie|and)\s+(?P<next>\S+)")


def _cut_phrase(phrase: str) -> str:
    """A role phrase ends at a verb, or at "und" followed by a lower-case word or a new person."""
    phrase = _PHRASE_END.split(phrase)[0]
    for match in _COORDINATION.finditer(phrase):
        following = match.group("next")
        if following[:1].islower() or fold(following) in GIVEN_NAMES:
            return phrase[: match.start()]
    return phrase


_INFLECTED_ROLE = ((r"ers$", "er"), (r"enten$", "ent"), (r"ents$", "ent"), (r"ors$", "or"),
                   (r"ärs$", "är"), (r"ten$", "te"), (r"ns$", "n"))  # fmt: skip


def base_role(role: str) -> str:
    """The role's first word in the nominative: "Oberbürgermeisters" → "Oberbürgermeister"."""
    first, _, rest = role.partition(" ")
    for pattern, replacement in _INFLECTED_ROLE:
        if re.search(pattern, first) and is_role_word(re.sub(pattern, replacement, first)):
            first = re.sub(pattern, replacement, first)
            break
    return f"{first} {rest}".strip()


def _split_role_phrase(phrase: str) -> tuple[str, str | None]:
    """Role and affiliation: "Direktorin der Flussaufsichtsbehörde" → ("Direktorin", "Fluss…")."""
    phrase = base_role(phrase.strip(" ,;"))
    match = re.match(r"^(?P<role>.+?)\s+(?:der|des|von|vom|of the|of|at)\s+(?P<aff>.+)$", phrase)
    if match and not re.search(r"\bfür\b", match.group("role")):
        return match.group("role"), match.group("aff")
    return phrase, None


_ROLE_TOKEN = re.compile(r"[A-ZÄÖÜ][\w.-]*|(?:mayor|councillor|governor|ambassador|president)\b")
_ARTICLE_ROLE = re.compile(r"\b(?:der|die|den|dem|des|the|our|unser\w*|ihr\w*|sein\w*)\s+$", re.IGNORECASE)
_AFTER_ROLE = re.compile(rf"\s+(?P<hon>{_HONORIFIC}*)(?P<name>{_NAME})")
_APPOSITION = re.compile(
    r"^\s*(?:,\s*(?:der|die|den|dem|des|the)?\s*|\s+als\s+|\s+\(\s*|\s+as\s+)(?P<phrase>[^,;()\n.]{3,120})"
)


def find_people(
    text: str, *, masks: list[tuple[int, int]] | None = None, is_place: Callable[[str], bool] | None = None
) -> PeopleResult:
    collector = _Collector(text)

    def plausible_given(name: str) -> bool:
        return _plausible(name, need_given=True, is_place=is_place)

    if masks:
        collector.claimed.extend(masks)
    credit_orgs: list[tuple[str, tuple[int, int]]] = []
    masked = list(masks or [])

    # 1. Photo credits.
    for match in _CREDIT.finditer(text):
        body_start = match.start("body")
        items = []
        offset = body_start
        for item in match.group("body").split(","):
            lead = len(item) - len(item.lstrip())
            start = offset + lead
            items.append((item.strip(), (start, start + len(item.strip()))))
            offset += len(item) + 1
        organisations = [
            it
            for it in items
            if not (_CREDIT_PERSON.match(it[0]) and _plausible(it[0], need_given=True, is_place=is_place))
            or _MUNICIPALITY.match(it[0])
        ]
        affiliation = ", ".join(name for name, _ in organisations) or None
        for name, span in items:
            if (
                _CREDIT_PERSON.match(name)
                and not _MUNICIPALITY.match(name)
                and _plausible(name, need_given=True, is_place=is_place)
            ):
                collector.add(name, span, "Fotograf", affiliation)
        if len(items) == 1 and items[0] in organisations and not _MUNICIPALITY.match(items[0][0]):
            if " " not in items[0][0] and _common_word(items[0][0]):
                continue  # "Foto: Privat", "Bild: Archiv": a word, not a body
            credit_orgs.append(items[0])

    # 2. Role before the name: "Oberbürgermeister Frank Meyer", "OB Meyer".
    for word in _WORD.finditer(text):
        role = word.group(0)
        if role in _ADDRESS_WORDS:  # "Madame Marie Fernandez", "Herr Klaus Breitschwert": a person, no role
            after_address = _AFTER_ROLE.match(text, word.end())
            if after_address is not None:
                name = _trim_name(after_address.group("name"), leading=False)
                if " " in name and _plausible(name, need_given=False):
                    start = after_address.start("name")
                    collector.add(name, (start, start + len(name)))
            continue
        if (
            not (role[0].isupper() or role in _ROLE_STEMS)
            or not is_role_word(role)
            or not (role[0].isupper() or role.lower() in _ROLE_STEMS)
        ):
            continue
        after_role = _AFTER_ROLE.match(text, word.end())
        if after_role is None:
            continue
        name = _trim_name(after_role.group("name"), leading=False)
        if not name or not _plausible(name, need_given=False):
            continue
        start = after_role.start("hon") if after_role.group("hon") else after_role.start("name")
        span = (start, after_role.start("name") + len(name))
        if (
            " " not in name
            and not any(fold(p.name.split()[-1]) == fold(name) for p in collector.people.values())
            and text[span[1] : span[1] + 1] not in (" ", ",", ".", ":", ")", ";", "\n", "")
        ):
            continue
        affiliation = None
        after = re.match(
            r"\s*(?:der|des|von|vom|of)\s+(?:Stadt|City of|Gemeinde)\s+(" + _CAP + ")",
            text[span[1] :],
        )
        if after:
            affiliation = after.group(1)
        collector.add(name, span, base_role(role.rstrip(".")), affiliation)

    # 3. Role phrase then name: "die Beigeordnete für Soziales, Umwelt und Gesundheit, Sabine Lauxen".
    for match in re.finditer(
        rf",\s+(?P<hon>{_HONORIFIC}*)(?P<name>{_NAME})(?=\s*(?:[,.;)]|\s+(?:und|sowie|teil|statt)\b))",
        text,
    ):
        name = _trim_name(match.group("name"))
        if not name or " " not in name or collector.taken(match.start("name"), match.start("name") + len(name)):
            continue
        if not _plausible(name, need_given=False):
            continue
        window_start = max(0, match.start() - 160)
        window = text[window_start : match.start()]
        window = re.split(r"[.!?:\n]\s", window)[-1]
        role_match = None
        for candidate in re.finditer(r"(?:^|\s)(?:der|die|den|dem|des|the)\s+(?=(?P<phrase>.+)$)", window):
            first = candidate.group("phrase").split()[0] if candidate.group("phrase").split() else ""
            if is_role_word(first.strip(",")):
                role_match = candidate
        if role_match is None:
            continue
        role, affiliation = _split_role_phrase(role_match.group("phrase"))
        collector.add(name, (match.start("name"), match.start("name") + len(name)), role, affiliation)

    # 4. Name then role: "Melissa Bryant, Direktorin der …", "Martha Henry als Leiterin …".
    for match in _NAME_RE.finditer(text):
        name = _trim_name(match.group(0))
        offset = match.group(0).find(name) if name else 0
        span = (match.start() + offset, match.start() + offset + len(name))
        if (
            not name
            or " " not in name
            or collector.taken(*span)
            or not _plausible(name, need_given=True, is_place=is_place)
        ):
            continue
        appos = _APPOSITION.match(text[span[1] :])
        appos_role: str | None = None
        affiliation = None
        if appos:
            phrase = appos.group("phrase")
            words = phrase.split()
            for i, word in enumerate(words[:4]):
                if is_role_word(word.strip(",")):
                    # "Smart City Administrator": capitalised words before the role word belong to it.
                    first = i if not all(w[:1].isupper() for w in words[:i]) else 0
                    appos_role, affiliation = _split_role_phrase(_cut_phrase(" ".join(words[first:])))
                    break
        collector.add(name, span, appos_role, affiliation)

    # 5. Bare surnames of people already found ("Eumann:", "Meyer sagte").
    surnames = {fold(p.name.split()[-1]): p for p in collector.people.values() if " " in p.name}
    if surnames:
        for match in re.finditer(_CAP, text):
            person = surnames.get(fold(match.group(0)))
            if person is not None and not collector.taken(*match.span()):
                person.spans.append(match.span())
                collector.claimed.append(match.span())
    # "Betty and Paddy McManus": two given names sharing the surname after them.
    for match in _SHARED_SURNAME.finditer(text):
        first, second, surname = match.group("first"), match.group("second"), match.group("surname")
        if not all(fold(n) in GIVEN_NAMES or fold(n) in world_given_names() for n in (first, second)):
            continue
        if fold(surname) in _NOT_SURNAME or (is_place is not None and is_place(surname)):
            continue
        collector.add(f"{first} {surname}", match.span("first"))
        collector.add(f"{second} {surname}", (match.start("second"), match.end("surname")))
    # "OB Geisel" named before "Oberbürgermeister Thomas Geisel": one person.
    for key, person in list(collector.people.items()):
        if " " in person.name:
            continue
        full = [p for p in collector.people.values() if " " in p.name and fold(p.name.split()[-1]) == key]
        if len(full) == 1:
            full[0].spans.extend(person.spans)
            full[0].role = full[0].role or person.role
            del collector.people[key]
    people = [p for p in collector.people.values() if p.spans]
    for person in people:
        person.spans.sort()
    masked.clear()
    return PeopleResult(people, credit_orgs)
