"""The day, story and archive pages in headless Chromium at a phone's and a desktop's width.

The pages carry no script. The test measures a copy of each with a probe script appended
(layout width, headings, ``lang``, each text element's contrast with its background, the
coverage badge's width) and reads the probe's results from the DOM after load."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from .builders import EXAMPLES, FIXTURES
from .test_days import DAY1, DAY2, ferry, run
from .test_digest_page import CHROMIUM, browser

pytestmark = [
    pytest.mark.slow,  # a real browser
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run installs Debian's package)"),
]
WIDTHS = (390, 1280)
# WCAG 2.1 AA: 4.5:1 for body text (the pages' smallest type is below "large").
MIN_CONTRAST = 4.5
PROBE = """<script>
function rgb(c){const m=c.match(/[\\d.]+/g).map(Number);return m.length>3&&m[3]===0?null:m.slice(0,3)}
function lum(c){const v=c.map(x=>{x/=255;return x<=0.03928?x/12.92:Math.pow((x+0.055)/1.055,2.4)});
return 0.2126*v[0]+0.7152*v[1]+0.0722*v[2]}
function bg(e){for(;e;e=e.parentElement){const c=rgb(getComputedStyle(e).backgroundColor);if(c)return c}
return[255,255,255]}
window.addEventListener('load',()=>{const worst=[];
for(const e of document.querySelectorAll('body *')){
 if(![...e.childNodes].some(n=>n.nodeType===3&&n.textContent.trim()))continue;
 const f=rgb(getComputedStyle(e).color),b=bg(e),a=lum(f),c=lum(b);
 worst.push([(Math.max(a,c)+0.05)/(Math.min(a,c)+0.05),e.tagName+'.'+e.className])}
worst.sort((x,y)=>x[0]-y[0]);
const main=document.querySelector('main').getBoundingClientRect().width;
const cov=[...document.querySelectorAll('.coverage .track')].map(e=>e.getBoundingClientRect().width);
const out={scroll:document.documentElement.scrollWidth,inner:window.innerWidth,lang:document.documentElement.lang,
 h1:document.querySelectorAll('h1').length,levels:[...document.querySelectorAll('h1,h2,h3')].map(h=>+h.tagName[1]),
 contrast:worst.slice(0,3),main:main,coverage:cov,links:[...document.querySelectorAll('a')].length};
const d=parent.document,p=d.createElement('pre');p.id='probe';p.textContent=JSON.stringify(out);d.body.append(p)});
</script>"""


@pytest.fixture(scope="module")
def written() -> Path:
    out = Path(tempfile.mkdtemp())
    run(out, DAY1, EXAMPLES, FIXTURES / "ferry")
    run(out, DAY2, EXAMPLES, FIXTURES / "ferry", FIXTURES / "library")
    return out


def pages(out: Path) -> dict[str, Path]:
    story = ferry(out, DAY2)["id"]
    return {
        "day": out / f"digest-{DAY1}.html",
        "story": out / "stories" / f"{story}.html",
        "archive": out / "index.html",
    }


def probe(page: Path, width: int, tmp_path: Path) -> dict[str, Any]:
    """The probe's findings with the page in a frame ``width`` CSS px wide (a headless
    window is at least 500 px wide, so a phone's width is given to a frame)."""
    copy = tmp_path / f"probe-{width}-{page.name}"
    copy.write_text(page.read_text().replace("</body>", PROBE + "</body>"))
    frame = tmp_path / f"frame-{width}-{page.name}"
    frame.write_text(
        f'<!DOCTYPE html><body style="margin:0"><iframe src="{copy.name}" width="{width}" height="900" '
        'style="border:0"></iframe></body>'
    )
    flags = ("--window-size=1400,1000", "--allow-file-access-from-files", "--virtual-time-budget=5000")
    dom = browser(*flags, "--dump-dom", frame.as_uri()).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, "the probe did not run"
    return dict(json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["day", "story", "archive"])
def test_pages_fit_the_width_and_are_accessible(written: Path, tmp_path: Path, kind: str, width: int) -> None:
    page = pages(written)[kind]
    assert "<script" not in page.read_text()
    found = probe(page, width, tmp_path)
    assert found["inner"] == width
    assert found["scroll"] <= found["inner"], f"{kind} scrolls sideways at {width} px"
    assert found["lang"] == "en"
    assert found["h1"] == 1
    levels = list(found["levels"])
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    worst = found["contrast"][0]
    assert worst[0] >= MIN_CONTRAST, f"{kind}: {worst}"
    assert found["links"]
    if kind == "day":
        # The coverage badge is a short bar beside its count, not the column's width.
        assert all(w <= 0.5 * found["main"] for w in found["coverage"])


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_at_a_phone_and_a_desktop_width(written: Path, tmp_path: Path, width: int) -> None:
    for kind, page in pages(written).items():
        shot = tmp_path / f"{kind}-{width}.png"
        # The page in a frame of ``width`` CSS px (a headless window is at least 500 px wide).
        frame = tmp_path / f"frame-{kind}-{width}.html"
        frame.write_text(
            f'<!DOCTYPE html><body style="margin:0"><iframe src="{page.as_uri()}" width="{width}" height="1400" '
            'style="border:0"></iframe></body>'
        )
        browser(f"--screenshot={shot}", f"--window-size={max(width + 20, 500)},1400", frame.as_uri())
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 10_000
        shutil.copy(shot, Path(tempfile.gettempdir()) / f"summarizer-{kind}-{width}.png")
