"""Screenshot of a report page with Debian's Chromium (for docs/report.png).

    python scripts/screenshot_report.py [outputs/report.html] [docs/report.png] [--fragment ID] [--full]
        [--period FROM/TO] [--type EVENT_TYPE]

`--period` zooms the timeline to a period (its date fields), `--type` sets the event table's
type filter (which filters the timeline too).

Uses the playwright package with the system browser (/usr/bin/chromium or `chromium` on the
PATH; no browser download). Japanese text needs a CJK font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path


def chromium_path() -> str | None:
    for cand in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).is_file():
            return cand
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", type=Path, nargs="?", default=Path("outputs/report.html"))
    ap.add_argument("png", type=Path, nargs="?", default=Path("docs/report.png"))
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=1100)
    ap.add_argument("--fragment", default="", help="scroll to this element id first (e.g. d2, events)")
    ap.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    ap.add_argument("--period", default="", help="zoom the timeline to FROM/TO (YYYY-MM-DD/YYYY-MM-DD)")
    ap.add_argument("--type", default="", help="filter the event table (and timeline) to this event type")
    args = ap.parse_args(argv)
    exe = chromium_path()
    if exe is None:
        print("error: chromium not installed: apt-get install chromium", file=sys.stderr)
        return 2
    if not args.html.is_file():
        print(f"error: {args.html} not found: run make extract first", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, headless=True)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.goto(args.html.resolve().as_uri() + (f"#{args.fragment}" if args.fragment else ""))
        if args.type:
            page.select_option('select[data-filter-attr="type"]', args.type)
        if args.period:
            lo, hi = args.period.split("/")
            page.fill("#tl-from", lo)
            page.fill("#tl-to", hi)
        if args.fragment and (args.type or args.period):
            page.evaluate(f"document.getElementById({args.fragment!r}).scrollIntoView()")
        args.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.png), full_page=args.full)
        browser.close()
    print(args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
