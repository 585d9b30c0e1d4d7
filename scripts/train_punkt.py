"""Train the Punkt parameters that ship in ``summarizer/punkt_english/``.

Run once by a maintainer, never at install or run time:

    python scripts/train_punkt.py ../shared/eval/duc2006/clusters summarizer/punkt_english

It trains nltk's unsupervised ``PunktTrainer`` (Kiss & Strunk 2006) on the news
articles under DATA (any folder of ``*.txt`` files; we used the DUC 2006 documents:
AP, NYT and Xinhua newswire, 1998-2000), then adds the hand-reviewed abbreviations
in ``CURATED_ABBREVIATIONS`` so that titles and months the corpus happens to use
rarely are still known. Only derived statistics are written (abbreviation types,
collocations, sentence starters, orthographic contexts), never the text itself.
The output is in nltk's ``punkt_tab`` format, so ``nltk.tokenize.punkt`` can also
load it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktTrainer

from summarizer.segmentation import is_collocation

# Lower-case, without the final period, as Punkt stores them.
CURATED_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof rev gen lt col maj capt cmdr sgt adm gov sen rep st sr jr messrs mmes
    pres supt insp det cpl pvt hon atty amb jan feb mar apr jun jul aug sep sept oct nov dec
    inc corp co ltd llc bros dept univ assn ave blvd rd mt ft u.s u.n u.k u.s.a e.u d.c p.m
    a.m e.g i.e etc vs no nos approx est ala ariz ark calif colo conn del fla ga ill ind kan
    ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo n.j
    n.y n.m n.c n.d n.h s.c s.d w.va
    """.split()
)

# Tokens the corpus may learn as abbreviations that are ordinary sentence-final
# words in news text; keeping them would glue two sentences together.
REJECTED_ABBREVIATIONS = frozenset(
    """
    i a us it in on at he we dc 80s ahh ass clip cos dud duh gin huh ivy keg lad logo mat
    toe tvs zet tnt a6 b1 k-5 tl var pg
    """.split()
)

# Sentence starters learned from the corpus that are names of its people and firms
# or wire markup; a starter makes Punkt split after an abbreviation, so only words
# that start sentences in any news text are kept.
REJECTED_SENT_STARTERS = frozenset(
    """
    ___ _____ eds nn brazelton bush chavez chen clinton cuomo galileo gm hall merck putin
    smith welch zhang researchers scientists
    """.split()
)


def main(data: Path, out: Path) -> None:
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    # Human summaries (refs/) are one sentence per line, not running text.
    files = [path for path in sorted(data.rglob("*.txt")) if "refs" not in path.parts]
    for path in files:
        trainer.train(path.read_text(encoding="utf-8"), finalize=False)
    trainer.finalize_training()
    params: PunktParameters = trainer.get_params()
    abbreviations = (set(params.abbrev_types) - REJECTED_ABBREVIATIONS) | CURATED_ABBREVIATIONS
    out.mkdir(parents=True, exist_ok=True)
    (out / "abbrev_types.txt").write_text("".join(f"{a}\n" for a in sorted(abbreviations)))
    starters = set(params.sent_starters) - REJECTED_SENT_STARTERS
    (out / "sent_starters.txt").write_text("".join(f"{s}\n" for s in sorted(starters)))
    collocations = sorted((a, b) for a, b in params.collocations if is_collocation(a, abbreviations))
    (out / "collocations.tab").write_text("".join(f"{a}\t{b}\n" for a, b in collocations))
    (out / "ortho_context.tab").write_text(
        "".join(f"{word}\t{flags}\n" for word, flags in sorted(params.ortho_context.items()))
    )
    print(
        f"{len(files)} files: {len(abbreviations)} abbreviations, "
        f"{len(starters)} sentence starters, {len(collocations)} collocations, "
        f"{len(params.ortho_context)} orthographic contexts -> {out}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: train_punkt.py DATA_DIR OUT_DIR (DATA_DIR: a folder of news *.txt files)")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
