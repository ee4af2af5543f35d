"""The glossary: words that say the same thing, in both languages."""
def test_same_meaning_gives_every_word_of_the_term_s_group_in_both_languages():
    from knowledge.glossary import same_meaning

    assert {"降低", "节省", "reduce", "lower"} <= same_meaning("减少")
    assert "减少" not in same_meaning("减少")
    assert "降低" in same_meaning("Reduce")
    assert same_meaning("香蕉") == frozenset()
