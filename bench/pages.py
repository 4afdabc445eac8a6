"""The reader's side of ``make bench``: bytes per page and Lighthouse scores, served as a static host would.

Builds the real site (strict) into ``.bench/site`` with ``site_url`` set to the local server's address, serves
it with gzip (``sitetools/serve.py``), prints the page-weight table (``sitetools/weight.py``), then runs Lighthouse
(npm ``lighthouse`` from ``bench/package-lock.json``, default mobile profile with simulated throttling)
against every page in the sitemap, driving Debian's Chromium through ``CHROME_PATH``. The 404 page is
weighed but not scored: it answers 404 and asks not to be indexed, which Lighthouse's SEO category
rightly marks down. Measures and reports; it does not fail on a score.

    python -m bench.pages [--runs N] [--skip-lighthouse]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from sitetools.serve import free_port, serve
from sitetools.weight import format_table, page_weight, search_weight, site_pages

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / ".bench"
LIGHTHOUSE = REPO / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
               "--disable-component-update --disable-sync"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")


def build_site(site_url: str, site_dir: Path) -> None:
    env = dict(os.environ, SITE_URL=site_url, PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml", "--strict", "--clean",
                             "--site-dir", str(site_dir)], cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"strict build failed:\n{result.stdout}{result.stderr}")


def sitemap_pages(site: Path, site_url: str) -> list[str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text or "" for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    return [loc.removeprefix(site_url) for loc in locs]


def lighthouse(url: str) -> dict:
    """One Lighthouse run; the parsed JSON report."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env=dict(os.environ, CHROME_PATH=CHROME), capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def scores(report: dict) -> dict[str, int]:
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


def lost_points(report: dict) -> list[str]:
    """Weighted audits that did not pass, as "category: audit-id (score)"."""
    out = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                out.append(f"{name}: {ref['id']} ({audit['score']:.2f})")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is shown")
    parser.add_argument("--skip-lighthouse", action="store_true")
    args = parser.parse_args(argv)

    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    site = WORK / "site"
    shutil.rmtree(site, ignore_errors=True)
    build_site(site_url, site)

    print("== Page weight: bytes transferred with gzip (document + everything it loads; headers not counted) ==")
    print(format_table([page_weight(site, p) for p in site_pages(site)]))
    search = search_weight(site)
    print(f"Search, loaded when first opened: {search.total} bytes ({search.total / 1024:.1f} KiB)\n")
    if args.skip_lighthouse:
        return 0
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci --prefix bench` (make bench does)")

    version = subprocess.run([CHROME, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"== Lighthouse {subprocess.run([str(LIGHTHOUSE), '--version'], capture_output=True, text=True).stdout.strip()}"
          f", mobile profile, simulated throttling; {version}; served with gzip on {site_url} ==")
    head = (f"{'page':<32} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}   {'FCP':>6} {'LCP':>6} {'TBT':>5} {'CLS':>5}"
            f" {'CPU':>5}")
    print(head)
    print("-" * len(head))
    notes: list[str] = []
    with serve(site, port):
        for page in sitemap_pages(site, site_url):
            reports = [lighthouse(site_url + page) for _ in range(args.runs)]
            assert reports[0]["configSettings"]["formFactor"] == "mobile"
            median = {c: statistics.median(scores(r)[c] for r in reports) for c in CATEGORIES}
            report = sorted(reports, key=lambda r: scores(r)["performance"])[len(reports) // 2]  # the median run
            m = {k: report["audits"][k]["numericValue"] for k in METRICS}
            print(f"{'/' + page:<32} {median['performance']:>5.0f} {median['accessibility']:>5.0f} "
                  f"{median['best-practices']:>5.0f} {median['seo']:>5.0f}   {m['first-contentful-paint']:>5.0f}ms "
                  f"{m['largest-contentful-paint']:>4.0f}ms {m['total-blocking-time']:>3.0f}ms "
                  f"{m['cumulative-layout-shift']:>5.3f} {report['environment']['benchmarkIndex']:>5.0f}", flush=True)
            notes += [f"  /{page}: {lost}" for lost in lost_points(report)]
    print(f"Median of {args.runs} run(s) a page; the metrics are those of the median run. CPU is Lighthouse's benchmark\n"
          "index of this machine during that run: simulated throttling scales the page's measured main-thread\n"
          "work, so TBT (and the performance score) move with it on a busy or shared machine.")
    print("Audits that cost points:" if notes else "No weighted audit lost points on any page.")
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
