from __future__ import annotations

import hashlib

from summarizer.model import Article, CleanArticle, text_key


def test_the_same_text_whitespace_and_paragraphing_aside_has_one_key() -> None:
    assert text_key("Wire text,\n\n  told  once.\n") == text_key("Wire text, told once.")
    assert text_key("Wire text, told once.") != text_key("Wire text, told twice.")
    # The store keeps it as content_hash: stored rows must keep matching new ones.
    assert text_key(" Wire text. ") == hashlib.sha256(b"Wire text.").hexdigest()


def test_a_clean_article_is_keyed_by_its_paragraphs_text() -> None:
    article = Article("a", "Bayline", "", None, None, "raw page text, clutter and all")
    assert CleanArticle(article, ("Wire text,", "told once.")).text_key == text_key("Wire text, told once.")
