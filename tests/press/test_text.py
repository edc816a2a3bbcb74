"""Pure helpers of archiving: content hash and title (no database)."""

from twinning.press.text import content_hash, title_from


def test_content_hash_ignores_whitespace_and_unicode_form():
    assert content_hash("Dünkirchen  und\r\nKrefeld ") == content_hash("Du\u0308nkirchen und Krefeld")
    assert content_hash("Krefeld") != content_hash("Krefeld.")


def test_title_is_the_first_heading_or_substantial_line():
    assert title_from("x", raw="<h1>Besuch &amp; Empfang</h1><p>…</p>") == "Besuch & Empfang"
    text = "Städtepartnerschaften\n\nDie Partnerstädte von Krefeld\n\nDer ursprüngliche …"
    assert title_from(text) == "Die Partnerstädte von Krefeld"
    assert title_from("Telefon: 0211 837-1399\nE-Mail: a@b.de\nTag der Städtepartnerschaften in Dortmund") == (
        "Tag der Städtepartnerschaften in Dortmund"
    )
