#!/usr/bin/env bash
# PrairieLearn external-grader entrypoint (docs/autograders.md).
#
# PrairieLearn copies the student's files to /grade/student and the
# question's tests/ folder to /grade/tests; it reads /grade/results/results.json.
# Put rubric.yaml (and optionally rubric.hidden.yaml) in the question's
# tests/ folder next to this script, and use an image with sdlab installed.
set -u

ROOT="${GRADE_ROOT:-/grade}"
STUDENT="$ROOT/student"
TESTS="$ROOT/tests"
RESULTS_DIR="$ROOT/results"
RESULTS="$RESULTS_DIR/results.json"
SDLAB="${SDLAB:-sdlab}"
TIME_LIMIT="${TIME_LIMIT:-60}"
mkdir -p "$RESULTS_DIR"

# A grader failure is not the student's: gradable=false costs no attempt.
fail() {
  local message="$1"
  message="${message//\\/\\\\}"
  message="${message//\"/\\\"}"
  printf '{\n  "gradable": false,\n  "score": 0,\n  "message": "%s",\n  "format_errors": ["%s"],\n  "tests": []\n}\n' \
    "$message" "$message" > "$RESULTS"
  exit 0
}

command -v "$SDLAB" > /dev/null 2>&1 || fail "The grader is not set up: sdlab is not installed."
SUBMISSION="${SUBMISSION:-$(cd "$STUDENT" 2> /dev/null && find . -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.yml' \) | LC_ALL=C sort | head -n 1)}"
SUBMISSION="${SUBMISSION#./}"
if [ -z "$SUBMISSION" ] || [ ! -f "$STUDENT/$SUBMISSION" ]; then
  fail "No answer file found: submit one .yaml file."
fi

RUBRICS=(--rubric "$TESTS/rubric.yaml")
if [ -f "$TESTS/rubric.hidden.yaml" ]; then
  RUBRICS+=(--rubric "$TESTS/rubric.hidden.yaml")
fi

rm -f "$RESULTS"
cd "$STUDENT" || fail "The grader cannot open the student's files."
timeout "$TIME_LIMIT" "$SDLAB" grade "$SUBMISSION" "${RUBRICS[@]}" --format prairielearn -o "$RESULTS"
status=$?
case "$status" in
  0 | 1) ;;
  124) fail "Grading took longer than $TIME_LIMIT seconds. Check the model's sim settings (stop and dt)." ;;
  *) fail "The grader failed (sdlab exit code $status)." ;;
esac
[ -s "$RESULTS" ] || fail "The grader wrote no results."
