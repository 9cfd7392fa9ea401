#!/usr/bin/env bash
# Writes everything sdlab prints for the repository's own material into one
# folder, so that two builds can be compared byte for byte:
#
#   tests/snapshot_outputs.sh OLD/sdlab /tmp/before
#   tests/snapshot_outputs.sh NEW/sdlab /tmp/after
#   diff -r /tmp/before /tmp/after
#
# Covered, for every lab solution, starter and test answer (mistakes
# included): check (text), grade in every format (the student view too),
# loops (text and JSON, both sources), render (both diagrams as DOT and SVG)
# and simulate (the summary and --csv); a batch over the Part B mistakes.
# Each command's stdout, stderr and exit code are kept. Used for refactors
# that must not change behaviour (issue 11's layout move).
set -uo pipefail
sdlab="$(realpath "$1")"
out="$2"
cd "$(dirname "$0")/.."
rm -rf "$out"
mkdir -p "$out"

# Runs one command; NAME.out, NAME.err and NAME.rc record what it did.
run() {
  local name="$1"
  shift
  "$sdlab" "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo $? >"$out/$name.rc"
}

rubric_for() {  # the lab a submission belongs to, from its `lab:` line
  local lab
  lab=$(sed -n 's/^lab: *\([A-Za-z0-9_-]*\).*/\1/p' "$1" | head -1)
  echo "rubrics/${lab:-part-b-web-app}.yaml"
}

files=(solutions/*.yaml labs/*/starter.yaml)
for file in tests/mistakes/*/*.yaml tests/answers/*/*.yaml; do
  [[ "$file" == *.expected.yaml ]] || files+=("$file")
done

for file in "${files[@]}"; do
  id="${file//\//_}"
  rubric="$(rubric_for "$file")"
  run "$id.check" check "$file"
  run "$id.check-rubric.json" check "$file" --rubric "$rubric" --format json
  for format in text md json junit gradescope prairielearn html; do
    run "$id.grade.$format" grade "$file" --rubric "$rubric" --format "$format"
  done
  run "$id.grade.student.html" grade "$file" --rubric "$rubric" --format html --student-view
  GITHUB_STEP_SUMMARY="$out/$id.grade.github.summary" \
    run "$id.grade.github" grade "$file" --rubric "$rubric" --format github
  run "$id.loops" loops "$file" --source both
  run "$id.loops.json" loops "$file" --source both --json
  for diagram in cld sfd; do
    for format in dot svg; do
      run "$id.render.$diagram.$format" render "$file" --diagram "$diagram" --format "$format"
    done
  done
  run "$id.simulate" simulate "$file"
  run "$id.simulate.csv" simulate "$file" --csv -
done

# Several submissions in one report, and a batch of a class.
mistakes=()
for file in tests/mistakes/part-b/*.yaml; do
  [[ "$file" == *.expected.yaml ]] || mistakes+=("$file")
done
run grade-many.md grade "${mistakes[@]}" --rubric rubrics/part-b-web-app.yaml --format md
run grade-many.junit grade "${mistakes[@]}" --rubric rubrics/part-b-web-app.yaml --format junit
run batch batch tests/mistakes/part-b --rubric rubrics/part-b-web-app.yaml --out "$out/batch-out" \
  --formats json,gradescope,junit,html --jobs 1
sed -i "s|$out|OUT|g" "$out"/batch.* 2>/dev/null

# XMILE models of the conformance suite, where it is beside the repository.
if [[ -d ../shared/conformance ]]; then
  while IFS= read -r model; do
    id="$(echo "$model" | tr '/' '_')"
    run "xmile.$id.csv" simulate "$model" --csv -
  done < <(find ../shared/conformance -name '*.xmile' | sort | head -60)
fi
echo "snapshot: $(ls "$out" | wc -l) files in $out"
