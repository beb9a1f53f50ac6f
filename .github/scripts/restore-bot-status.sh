#!/usr/bin/env bash
# The bot's memory is its own branch: while last week's health pull request
# waits unmerged, its status.json (failure history, facts) lives only on
# bot/link-health. Start from it when the branch exists, else from main's,
# so that a link failing every week reaches its second failing run.
# Needs GH_TOKEN (read access to contents) and GITHUB_REPOSITORY.
set -euo pipefail
branch="${BOT_BRANCH:-bot/link-health}"
if gh api -H 'Accept: application/vnd.github.raw+json' \
  "repos/$GITHUB_REPOSITORY/contents/status.json?ref=$branch" > "$RUNNER_TEMP/bot-status.json" 2> "$RUNNER_TEMP/bot-status.err"; then
  mv "$RUNNER_TEMP/bot-status.json" status.json
  echo "Starting from status.json on \`$branch\` (an unmerged health pull request)." | tee -a "$GITHUB_STEP_SUMMARY"
else
  echo "No status.json on \`$branch\`: starting from main's." | tee -a "$GITHUB_STEP_SUMMARY"
fi
