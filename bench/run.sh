#!/usr/bin/env bash
# kolikko's benchmark: builds synthetic organisations (examples/gen_org.rs) with the release binary
# and prints the median wall time, peak memory, pages and bytes of each case; when Hugo is
# installed it builds as many plain Markdown pages in the same run, interleaved, for a ratio.
#
#   bench/run.sh                 # every case, 3 runs each
#   RUNS=5 bench/run.sh          # more runs
#   CASES="200x8q 2000x8q" bench/run.sh
#   RUNS_LARGE=1 bench/run.sh    # runs of the 20,000-team case (default: RUNS)
#   CASES="200x8q 2000x8q 2000x52w" bench/run.sh   # skip the 20,000-team case
#   LIMIT=120 bench/run.sh       # give up on a build after 120 s (default 600)
#   PAUSE=5 bench/run.sh         # seconds to wait after `sync` before each build (default 3)
#   INSTALL_HUGO=1 bench/run.sh  # install Hugo with apt-get first when it is missing (needs root)
#
# Besides wall time it prints CPU time (user + sys, median): on a shared machine wall times vary
# by several times while CPU time barely moves, and the CPU ratio to Hugo is the fairer one.
#
# Each build goes into a fresh folder after `sync` and a pause: on some disks creating files right
# after a large deletion is many times slower for a while. Needs GNU time (/usr/bin/time, Debian
# package `time`); Hugo is optional (`apt-get install -y hugo`).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
RUNS=${RUNS:-3}
RUNS_LARGE=${RUNS_LARGE:-$RUNS}
LIMIT=${LIMIT:-600}
PAUSE=${PAUSE:-3}
CASES=${CASES:-"200x8q 2000x8q 2000x52w 20000x8q"}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/kolikko-bench.XXXXXX")}
trap 'rm -rf "$WORK"' EXIT

[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install -y time)" >&2; exit 1; }
if [ "${INSTALL_HUGO:-0}" = 1 ] && ! command -v hugo >/dev/null; then
  apt-get install -y hugo >/dev/null || { apt-get update >/dev/null && apt-get install -y hugo >/dev/null; } ||
    echo "bench: could not install Hugo; going on without it" >&2
fi
cargo build --release --quiet --bin kolikko --example gen_org
kolikko=$root/target/release/kolikko
gen=$root/target/release/examples/gen_org
hugo=$(command -v hugo || true)

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# timed OUT_PREFIX COMMAND...: runs COMMAND under GNU time; writes seconds and peak KiB.
timed() {
  local prefix=$1
  shift
  local rc=0
  sync
  sleep "$PAUSE"
  /usr/bin/time -v -o "$prefix.time" timeout "$LIMIT" "$@" >"$prefix.out" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "FAILED($rc)" >"$prefix.secs"
    tail -3 "$prefix.out" >&2
    return 0
  fi
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f\n", s }' "$prefix.time" >"$prefix.secs"
  awk -F': ' '/Maximum resident set size/ { print $2 }' "$prefix.time" >"$prefix.kib"
  awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f\n", s }' "$prefix.time" >"$prefix.cpu"
}

# A Hugo site of N plain Markdown pages, each a few paragraphs.
hugo_site() {
  local dir=$1 n=$2
  mkdir -p "$dir/content/p" "$dir/layouts/_default"
  printf 'baseURL = "http://example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' >"$dir/hugo.toml"
  printf '<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n' >"$dir/layouts/_default/baseof.html"
  printf '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n' >"$dir/layouts/_default/single.html"
  printf '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n' >"$dir/layouts/_default/list.html"
  # One file at a time: awk keeps every file it writes open until closed, and 20,000 pages pass
  # the open-file limit.
  for i in $(seq 1 "$n"); do
    printf -- '---\ntitle: "Page %d"\n---\n# Page %d\n\nSome *plain* text with a [link](https://example.org/) and a list:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n' "$i" "$i"
  done | awk -v dir="$dir/content/p" '/^---$/ && ++c % 2 == 1 { if (f) close(f); f = dir "/page-" (++n) ".md" } { print > f }'
}

hugo_version="not installed"
[ -z "$hugo" ] || hugo_version=$($hugo version | cut -d' ' -f2)
printf '\nkolikko %s, %s runs per case, %s cores, Hugo: %s\n' "$($kolikko --version | cut -d' ' -f2)" "$RUNS" "$(nproc)" "$hugo_version"
results=()
for case in $CASES; do
  teams=${case%%x*}
  rest=${case#*x}
  periods=${rest%[qw]}
  granularity=quarter
  [ "${rest: -1}" = w ] && granularity=week
  site=$WORK/site-$case
  rm -rf "$site"
  "$gen" "$teams" "$periods" "$granularity" "$site"
  echo "== $case: $teams teams × $periods ${granularity}s"
  pages=- bytes=- biggest=- team_page=-
  runs=$RUNS
  [ "$teams" -lt 10000 ] || runs=$RUNS_LARGE
  for run in $(seq 1 "$runs"); do
    out=$WORK/out-$case
    timed "$WORK/k-$case-$run" "$kolikko" build "$site" --output "$out"
    if [ -d "$out" ]; then
      pages=$(find "$out" -type f -name '*.html' | wc -l)
      bytes=$(du -sb "$out" | cut -f1)
      biggest=$(find "$out" -type f -name '*.html' -printf '%s\n' | sort -n | tail -1)
      team_page=$(find "$out/units" -path '*/units/t*/index.html' -printf '%s\n' | sort -n | tail -1)
      rm -rf "$out"
    fi
    if [ -n "$hugo" ] && [ "$pages" != - ]; then
      [ -d "$WORK/hugo-$pages" ] || hugo_site "$WORK/hugo-$pages" "$pages"
      timed "$WORK/h-$case-$run" "$hugo" --quiet --source "$WORK/hugo-$pages" --destination "$WORK/hugo-out"
      rm -rf "$WORK/hugo-out"
    fi
    echo "   run $run: kolikko $(cat "$WORK/k-$case-$run.secs") s ($(cat "$WORK/k-$case-$run.cpu" 2>/dev/null || echo -) s CPU)${hugo:+, hugo $(cat "$WORK/h-$case-$run.secs" 2>/dev/null || echo -) s ($(cat "$WORK/h-$case-$run.cpu" 2>/dev/null || echo -) s CPU)}"
  done
  timed "$WORK/c-$case" "$kolikko" check "$site"
  k=$(cat "$WORK"/k-"$case"-*.secs | median)
  kcpu=$(cat "$WORK"/k-"$case"-*.cpu 2>/dev/null | median)
  mem=$(cat "$WORK"/k-"$case"-*.kib 2>/dev/null | median)
  h=- hcpu=- ratio=- cpu_ratio=-
  ratio_of() { awk -v k="$1" -v h="$2" 'BEGIN { if (h > 0 && k ~ /^[0-9.]+$/) printf "%.2f", k / h; else print "-" }'; }
  if [ -n "$hugo" ]; then
    h=$(cat "$WORK"/h-"$case"-*.secs 2>/dev/null | median)
    hcpu=$(cat "$WORK"/h-"$case"-*.cpu 2>/dev/null | median)
    ratio=$(ratio_of "$k" "$h")
    cpu_ratio=$(ratio_of "$kcpu" "$hcpu")
  fi
  results+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' "$case" "$pages" \
    "$(awk -v b="$bytes" 'BEGIN { if (b ~ /^[0-9]+$/) printf "%.1f", b / 1048576; else print "-" }')" \
    "$k" "$kcpu" "$(awk -v m="$mem" 'BEGIN { if (m ~ /^[0-9.]+$/) printf "%.0f", m / 1024; else print "-" }')" \
    "$(cat "$WORK/c-$case.secs")" "$(cat "$WORK/c-$case.cpu" 2>/dev/null || echo -)" "$h" "$hcpu" "$ratio" "$cpu_ratio" \
    "$(awk -v b="$biggest" 'BEGIN { if (b ~ /^[0-9]+$/) printf "%.0f", b / 1024; else print "-" }')" \
    "$(awk -v b="$team_page" 'BEGIN { if (b ~ /^[0-9]+$/) printf "%.0f", b / 1024; else print "-" }')")")
  rm -rf "$site"
done

# The example site at the repository root.
for run in $(seq 1 "$RUNS"); do
  timed "$WORK/e-$run" "$kolikko" build "$root" --output "$WORK/example-out"
  rm -rf "$WORK/example-out"
done

echo
echo "| case | pages | MiB written | kolikko s (median) | kolikko CPU s | peak MiB | check s | check CPU s | Hugo s | Hugo CPU s | kolikko / Hugo | CPU ratio | largest page KiB | largest team page KiB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
echo
echo "example site: $(cat "$WORK"/e-*.secs | median) s, $(cat "$WORK"/e-*.cpu | median) s CPU (medians of $RUNS)"
