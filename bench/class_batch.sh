#!/usr/bin/env bash
# The class benchmark of the instructor workflow: grades a generated class
# of Part B submissions with `sdlab batch` and reports the wall-clock time.
# Target (issue 7): 1000 submissions with diagrams on 2 cores in 30 s.
#
#   bench/class_batch.sh [BUILD_DIR] [COUNT] [JOBS]
#
# The class cycles through the two reference solutions, every file under
# tests/mistakes/part-b and two broken files, one folder per student every
# third student. Three runs: results only (json), with the HTML report and
# its diagrams (json,html: the default), and the same with one worker; each
# is repeated and the fastest taken. A benchmark, not a test: it checks only
# that every submission was graded.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
count="${2:-1000}"
jobs="${3:-$(nproc)}"
sdlab="$build/grader/sdlab"
[[ -x "$sdlab" ]] || { echo "class_batch: build sdlab first (.ci/build)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
templates=(solutions/part-b-web-app.yaml solutions/part-b-web-app-alt.yaml)
for file in tests/mistakes/part-b/*.yaml; do
  [[ "$file" == *.expected.yaml ]] || templates+=("$file")
done
printf 'lab: part-b-web-app\nstock_flow: [\n' > "$work/broken-syntax.yaml"
printf 'lab: part-b-web-app\nstok_flow: {}\n' > "$work/broken-key.yaml"
templates+=("$work/broken-syntax.yaml" "$work/broken-key.yaml")

class="$work/class"
mkdir -p "$class"
for ((i = 0; i < count; i++)); do
  id=$(printf 's%04d' "$i")
  template="${templates[$((i % ${#templates[@]}))]}"
  if ((i % 3 == 0)); then
    mkdir -p "$class/$id" && cp "$template" "$class/$id/answer.yaml"
  else
    cp "$template" "$class/$id.yaml"
  fi
done
echo "class_batch: $count submissions from ${#templates[@]} templates; $(nproc) cores," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"

# run LABEL FORMATS JOBS: the fastest of two runs.
run() {
  local label="$1" formats="$2" workers="$3" best="" seconds
  for attempt in 1 2; do
    rm -rf "$work/out"
    local start end
    start=$(date +%s.%N)
    "$sdlab" batch "$class" --rubric rubrics/part-b-web-app.yaml --out "$work/out" \
      --formats "$formats" --jobs "$workers" > "$work/stdout" 2> "$work/stderr"
    end=$(date +%s.%N)
    grep -q "of $count submissions" "$work/stdout" || { cat "$work/stdout" "$work/stderr"; exit 1; }
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
    if [[ -z "$best" ]] || awk -v s="$seconds" -v b="$best" 'BEGIN { exit !(s < b) }'; then
      best=$seconds
    fi
  done
  awk -v l="$label ($workers workers):" -v s="$best" -v n="$count" \
    'BEGIN { printf "%-48s %7.2f s  (%.1f ms per submission)\n", l, s, 1000 * s / n }'
}
run "results only, --formats json" json "$jobs"
run "with diagrams, --formats json,html" json,html "$jobs"
run "with diagrams, --formats json,html" json,html 1
tail -n 1 "$work/stdout"
du -sh "$work/out" | sed 's/^/output: /'
