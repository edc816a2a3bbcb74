import pytest

from twinning.extraction.clean import clean, decode, sentence_spans
from twinning.extraction.errors import ExtractionError


def test_utf8_bom_and_cp1252():
    assert decode("Köln".encode("utf-8-sig")) == "Köln"
    assert decode("Grüße aus Köln".encode("cp1252")) == "Grüße aus Köln"
    assert decode("Köln".encode("utf-16")) == "Köln"


def test_mojibake_is_repaired():
    assert decode("MÃ¼nchen und DÃ¼sseldorf".encode()) == "München und Düsseldorf"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("Köln ".encode() + "Düsseldorf".encode("cp1252"), "mixed"),
    ],
)
def test_bad_input(raw, message):
    with pytest.raises(ExtractionError, match=message):
        decode(raw, name="x.txt")


def test_html_is_sanitized_and_flattened():
    html = (
        "<html><head><title>T</title><script>alert(1)</script><style>p{}</style></head><body>"
        "<nav>Startseite Menü</nav><div class='cookie-banner'>Wir verwenden Cookies</div>"
        '<h1>Besuch aus Venlo</h1><p onclick="steal()">Die Delegation &amp; der Rat.</p>'
        "<figure><img src=x onerror=alert(2)><figcaption>Foto: Stadt Krefeld</figcaption></figure>"
        "<footer>Impressum</footer></body></html>"
    )
    text = clean(html)
    assert "alert" not in text and "steal" not in text and "Cookies" not in text
    assert "Startseite" not in text and "Impressum" not in text
    assert "Besuch aus Venlo" in text
    assert "Die Delegation & der Rat." in text
    assert "Foto: Stadt Krefeld" in text


def test_furniture_lines_are_dropped():
    text = clean(
        "Inhaltsbereich\n\nTitel\n\nImpressumDatenschutz und Nutzungsbedingungen\n\n1\n\n"
        "Mit der Google Suche werden Daten an Google übermittelt. Klicken Sie NEIN an.\n\n"
        "Der Text.\n\nWichtige Mitteilung\n×"
    )
    assert text == "Titel\n\nDer Text."


def test_sentences_keep_ordinals_and_abbreviations():
    text = "Am Montag, 17. Oktober, reist Dr. Meyer ab. Der Empfang ist am 19. Oktober.\nNeue Zeile"
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert sentences == [
        "Am Montag, 17. Oktober, reist Dr. Meyer ab.",
        "Der Empfang ist am 19. Oktober.",
        "Neue Zeile",
    ]
