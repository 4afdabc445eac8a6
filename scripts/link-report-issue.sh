#!/usr/bin/env bash
# Open, or update, the ONE issue that reports broken external links (used by .github/workflows/links.yml).
# Usage: scripts/link-report-issue.sh REPORT.md RUN_URL      (needs the gh CLI and GH_TOKEN with issues: write)
set -euo pipefail
report="$1"
run_url="$2"
title="Broken external links (weekly link check)"

body="$(mktemp)"
{
  echo "The scheduled external link check found links that do not work. Run: ${run_url}"
  echo
  echo "For each one: fix or replace the URL in \`content_src/sources.yaml\` (or the page that links to it),"
  echo "or, if the site only blocks robots, add it to the commented exclusion list in \`lychee.toml\`."
  echo "See CONTRIBUTING.md, \"External links\". This issue is updated by each failing run; close it when fixed."
  echo
  if [ -s "$report" ]; then cat "$report"; else echo "lychee wrote no report: see the run's log."; fi
} > "$body"

number="$(gh issue list --state open --search "in:title \"${title}\"" --json number,title \
  --jq "map(select(.title == \"${title}\")) | .[0].number // empty")"
if [ -n "$number" ]; then
  gh issue edit "$number" --body-file "$body"
  gh issue comment "$number" --body "Still failing: ${run_url}"
else
  gh issue create --title "$title" --body-file "$body"
fi
