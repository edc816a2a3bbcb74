"""Pure helpers of review: highlighting (no database)."""

from twinning.review.text import highlight


def test_highlight_marks_the_span_in_its_sentence_and_escapes_the_rest():
    text = "Erster Satz. Die <Partnerstadt> Charlotte & Krefeld feiern. Dritter Satz."
    start = text.index("Charlotte")
    html = str(highlight(text, start, start + len("Charlotte")))
    assert html == "Die &lt;Partnerstadt&gt; <mark>Charlotte</mark> &amp; Krefeld feiern."
    assert str(highlight(text, 5, 500)) == ""
