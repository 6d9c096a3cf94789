"""Make the README's pictures from the bundled data: the report in Chromium, and a plot.

    python scripts/screenshots.py

writes docs/report.png (the top of ``summits report --series NATO`` as Chromium
draws it) and docs/plot.png (``summits plot --series NATO``). It uses the same
browser and driver as the report's tests (Debian's chromium through Playwright).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "summits.json"


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    summits = [sys.executable, "-m", "summits", "--db", str(DATA)]
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "report.html"
        subprocess.run([*summits, "report", "--series", "NATO", "-o", str(page_file)], check=True)
        plot = ROOT / "docs" / "plot.png"
        subprocess.run(
            [*summits, "plot", "--series", "NATO", "-o", str(plot), "--force"], check=True
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1000, "height": 1250})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(ROOT / "docs" / "report.png"))
            browser.close()
    print("wrote docs/report.png and docs/plot.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
