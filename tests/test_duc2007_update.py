"""The DUC 2007 update-set builder, on SGML written for these tests in NIST's shapes."""

from __future__ import annotations

from pathlib import Path

from benchmarks.duc import load_clusters
from benchmarks.duc2007_update import build, cluster_of_model, parse_document, parse_topics

TOPICS = """<topic>
<num> D0799Z </num>
<title> harbour bridge closure </title>

<narr>
Describe why the harbour bridge
was closed and what followed.
</narr>

<docs-A>
XIE19990101.0001
APW19990102.0002
</docs-A>

<docs-B>
NYT19990103.0003
</docs-B>
</topic>
"""

XINHUA = """<DOC>
<DOCNO> XIE19990101.0001 </DOCNO>
<BODY>
<HEADLINE> Harbour bridge shut for repairs </HEADLINE>
<TEXT>
<P>
PORTVILLE, January 1 (Xinhua) -- The harbour bridge was shut
on Friday after inspectors found cracks.
</P>
<P>
Ferries will carry commuters until March.
</P>
</TEXT>
</BODY>
</DOC>
"""

AP = """<DOC>
<DOCNO> APW19990102.0002 </DOCNO>
<BODY>
<HEADLINE>
Commuters queue for ferries
</HEADLINE>
<TEXT>
\t   PORTVILLE (AP) _ Thousands of commuters queued for ferries on
Saturday, a day after the bridge closed.
\t   The city added six boats.
</TEXT>
</BODY>
</DOC>
"""


def test_topics_give_id_title_narrative_and_document_sets() -> None:
    (topic,) = parse_topics(TOPICS)
    assert topic.id == "D0799Z"
    assert topic.title == "harbour bridge closure"
    assert topic.narrative == "Describe why the harbour bridge was closed and what followed."
    assert topic.docsets == {"A": ("XIE19990101.0001", "APW19990102.0002"), "B": ("NYT19990103.0003",)}


def test_document_paragraphs_come_from_p_elements_or_tab_indents() -> None:
    assert parse_document(XINHUA) == (
        "Harbour bridge shut for repairs\n\n"
        "PORTVILLE, January 1 (Xinhua) -- The harbour bridge was shut on Friday after inspectors found cracks.\n\n"
        "Ferries will carry commuters until March.\n"
    )
    assert parse_document(AP) == (
        "Commuters queue for ferries\n\n"
        "PORTVILLE (AP) _ Thousands of commuters queued for ferries on Saturday, a day after the bridge closed.\n\n"
        "The city added six boats.\n"
    )


def test_model_names_map_to_their_cluster() -> None:
    assert cluster_of_model("D0703-A.M.100.A.C") == "D0703A-A"
    assert cluster_of_model("D0726-C.M.100.F.H") == "D0726F-C"
    assert cluster_of_model("README") is None
    assert cluster_of_model("D0703-A.P.100.A.C") is None  # a peer, not a model


def test_build_writes_clusters_the_harness_reads_and_skips_those_without_summaries(tmp_path: Path) -> None:
    source = tmp_path / "DUC2007"
    (source / "updateEval" / "ROUGE" / "models").mkdir(parents=True)
    (source / "duc2007_UPDATEtopics.sgml").write_text(TOPICS)
    docs = source / "duc2007_testdocs" / "update" / "D0799Z"
    (docs / "D0799Z-A").mkdir(parents=True)
    (docs / "D0799Z-A" / "XIE19990101.0001").write_text(XINHUA)
    (docs / "D0799Z-A" / "APW19990102.0002").write_text(AP)
    (docs / "D0799Z-B").mkdir()
    (docs / "D0799Z-B" / "NYT19990103.0003").write_text(AP)
    models = source / "updateEval" / "ROUGE" / "models"
    (models / "D0799-A.M.100.Z.A").write_text("The bridge closed after cracks were found.\n\n  Ferries  ran instead.\n")
    (models / "D0799-A.M.100.Z.B").write_text("Cracks closed the bridge.\n")

    assert build(source, tmp_path / "out") == 1  # set B has no summary

    (cluster,) = load_clusters(tmp_path / "out")
    assert cluster.id == "D0799Z-A"
    assert [d.outlet for d in cluster.documents] == ["Associated Press", "Xinhua"]
    assert cluster.references == (
        "The bridge closed after cracks were found.\nFerries ran instead.\n",
        "Cracks closed the bridge.\n",
    )
    assert cluster.topic == "harbour bridge closure. Describe why the harbour bridge was closed and what followed."
