from twinning.core.text import fold, fold_variants


def test_fold_removes_case_diacritics_and_sharp_s() -> None:
    assert fold("Dünkirchen") == fold("DUNKIRCHEN") == "dunkirchen"
    assert fold("Straße") == "strasse"
    assert fold("Łódź") == "lodz"
    assert fold("Île-de-France") == "ile de france"
    assert fold("Krefel'd") == "krefeld"


def test_umlauts_also_fold_to_their_german_transliteration() -> None:
    assert fold_variants("Dünkirchen") == ("dunkirchen", "duenkirchen")
    assert "duenkirchen" in fold_variants("Duenkirchen")
    assert fold_variants("Krefeld") == ("krefeld",)


def test_slugs_are_ascii_for_every_name() -> None:
    from twinning.core.text import slugify_name

    assert slugify_name("Għajnsielem") == "gajnsielem"  # ħ has no ASCII decomposition
    assert slugify_name("Frankfurt (Oder)") == "frankfurt-oder"
    assert slugify_name("東京") == "place"
