"""Screenshots of pages of a running Newsroom, at a phone's and a desktop's width.

    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out screenshots]
        [--login USER:PASSWORD] PATH [PATH …]

Each PATH is saved as <out>/<path as a name>-<width>.png, the whole page, at 375 and 1280 px,
with Debian's Chromium (`apt-get install chromium`) driven by Playwright. With --login the
browser signs in to /admin/ first, so admin screens can be taken as that user.
"""

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (375, 1280)


def name_for(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "home"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="screenshots", type=Path)
    parser.add_argument("--login", help="USER:PASSWORD for /admin/")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            if args.login:
                user, password = args.login.split(":", 1)
                page.goto(f"{args.base}/admin/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", password)
                page.click("input[type=submit]")
            for path in args.paths:
                response = page.goto(args.base + path, wait_until="networkidle")
                target = args.out / f"{name_for(path)}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"{response.status if response else '---'} {target}")
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
