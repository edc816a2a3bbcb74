"""E-mail addresses and phone numbers, grouped into contacts with the person named just before.

E-mails also in the obfuscated forms "name [at] domain.de" and "name (at) domain (dot) de"; phone
numbers after a label (Telefon, Tel., Phone, Mobil) in German and international formats
("0 21 51 / 86-1554", "+49 (0)6151-115", "0211 837-1399"). Fax numbers are not contacts.
"""

import re
from dataclasses import dataclass, field

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.+-])(?P<user>[\w.+-]+)\s*[\[({]\s*(?:at|ät|@)\s*[\])}]\s*"
    r"(?P<domain>[\w-]+(?:\s*(?:[\[({]\s*(?:dot|punkt)\s*[\])}]|\.)\s*[\w-]+)+)",
    re.IGNORECASE,
)
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”)]+", re.IGNORECASE)
_PHONE = re.compile(
    r"(?P<label>Telefon|Tel\.|Tel|Fon|Phone|Mobil|Mobile|Handy|Fax|Telefax)\s*:?\s*"
    r"(?P<number>\+?\(?\d[\d\s/().–-]{4,}\d)",
    re.IGNORECASE,
)
_INTERNATIONAL = re.compile(r"(?<![\w+])\+\d{1,3}\s?(?:\(0\)\s?)?\d[\d\s/–-]{5,}\d")
_MAX_GAP = 250


@dataclass(slots=True)
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def _digits(number: str) -> int:
    return sum(ch.isdigit() for ch in number)


def find_items(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(field, value, span) of every e-mail and phone number, in text order."""
    items: list[tuple[str, str, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for match in EMAIL.finditer(text):
        items.append(("email", match.group(0).rstrip("."), match.span()))
        taken.append(match.span())
    for match in OBFUSCATED_EMAIL.finditer(text):
        domain = re.sub(r"\s*[\[({]\s*(?:dot|punkt)\s*[\])}]\s*", ".", match.group("domain"), flags=re.I)
        items.append(("email", f"{match.group('user')}@{domain.replace(' ', '')}", match.span()))
        taken.append(match.span())
    for match in _PHONE.finditer(text):
        number = match.group("number").strip(" /-–")
        if _digits(number) < 5 or match.group("label").lower().endswith("fax"):
            taken.append(match.span("number"))
            continue
        span = (match.start("number"), match.start("number") + len(number))
        items.append(("phone", number, span))
        taken.append(span)
    for match in _INTERNATIONAL.finditer(text):
        if not any(a <= match.start() < b for a, b in taken) and _digits(match.group(0)) >= 7:
            items.append(("phone", match.group(0).strip(), match.span()))
    items.sort(key=lambda item: item[2])
    return items


def masks(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses: no place or organisation is found inside them."""
    found = [m.span() for m in URL.finditer(text)]
    found += [m.span() for m in EMAIL.finditer(text)]
    found += [m.span() for m in OBFUSCATED_EMAIL.finditer(text)]
    return found


def find_contacts(text: str, person_spans: list[tuple[str, tuple[int, int]]]) -> list[Contact]:
    """Group e-mails and phones; a contact's name is the person named just before its first item."""
    contacts: list[Contact] = []
    current: Contact | None = None
    last_end = -1
    people = sorted(person_spans, key=lambda item: item[1])
    for kind, value, span in find_items(text):
        between = [p for p in people if last_end <= p[1][0] and p[1][1] <= span[0]]
        if current is None or between or getattr(current, kind) is not None or span[0] - last_end > _MAX_GAP:
            current = Contact()
            contacts.append(current)
            before = [p for p in people if p[1][1] <= span[0] and span[0] - p[1][1] <= _MAX_GAP and p[1][0] >= last_end]
            if before:
                current.name = before[-1][0]
        setattr(current, kind, value)
        current.spans.append(span)
        last_end = span[1]
    return contacts
