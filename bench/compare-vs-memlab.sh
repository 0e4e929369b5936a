#!/usr/bin/env bash
# Acceptance points 2 and 3 of the snapshot engine, run on demand (not part of mvn verify):
# leakgate's `compare` and memlab's `find-leaks --trace-all-objects` on the same three snapshots,
# side by side, in pairs (the order alternates), with wall time and CPU time (user + system, all threads)
# from /usr/bin/time, and the peak memory of the command's whole process tree: the sum of its processes'
# proportional set sizes (PSS), so that pages two processes share (libjvm, the class data archive) count once.
# compare runs its work in a child JVM it sizes itself, which GNU time alone would count without its parent.
#
# usage: bench/compare-vs-memlab.sh GEN_SCRIPT SCALE DIR [PAIRS] [JAVA_HEAP] [--no-memlab]
#   GEN_SCRIPT  a script writing s1, s2, s3.heapsnapshot of one process: node --expose-gc GEN_SCRIPT SCALE DIR
#               (the project's is shared/bench/gen-snapshots.js, beside this repository)
#   SCALE       1000000 gives about 250/300/370 MB; 3000000 about 1 GB for the last one
#   DIR         where the snapshots are written (kept: an existing s3.heapsnapshot is reused)
#   PAIRS       runs of each contender (default 3)
#   JAVA_HEAP   plain (default): `java -jar` with no JVM flags, as a user runs it; or an -Xmx for compare with
#               the serial collector, e.g. 420m (10 MB above what scale 1000000 needs)
#   --no-memlab only time compare (memlab needs ~2 GB per 1000000 of scale)
# Needs: leakgate-core/target/leakgate-cli.jar (mvn -B package -DskipTests), GNU time (apt-get install time).
set -euo pipefail

gen=$1 scale=$2 dir=$3 pairs=${4:-3} heap=${5:-plain} with_memlab=yes
[[ "${6:-}" == "--no-memlab" ]] && with_memlab=no
bench=$(cd "$(dirname "$0")" && pwd)
jar="$bench/../leakgate-core/target/leakgate-cli.jar"
[[ -f "$jar" ]] || { echo "build $jar first: mvn -B package -DskipTests"; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time"; exit 2; }
mkdir -p "$dir"
if [[ ! -f "$dir/s3.heapsnapshot" ]]; then
  echo "writing the snapshots: node --expose-gc $gen $scale $dir"
  node --expose-gc "$gen" "$scale" "$dir"
fi
if [[ $with_memlab == yes && ! -d "$bench/node_modules/@memlab/cli" ]]; then
  (cd "$bench" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
fi
ls -l "$dir"/s[123].heapsnapshot

jvm=(java)
[[ $heap != plain ]] && jvm=(java -XX:+UseSerialGC "-Xmx$heap")
compare=("${jvm[@]}" -jar "$jar" compare "$dir/s1.heapsnapshot" "$dir/s2.heapsnapshot"
  "$dir/s3.heapsnapshot" --requests-per-round $((scale / 10)) --out "$dir/leakgate-report")
memlab=(node --max-old-space-size=16384 "$bench/node_modules/@memlab/cli/bin/memlab.js" find-leaks
  --baseline "$dir/s1.heapsnapshot" --target "$dir/s2.heapsnapshot" --final "$dir/s3.heapsnapshot"
  --trace-all-objects --work-dir "$dir/memlab-work")

# The summed PSS in KB of a process and all its descendants, now.
tree_pss() {
  local pid sum=0 pss
  for pid in $(ps -eo pid=,ppid= | awk -v root="$1" '
      { parent[$1] = $2 }
      END { for (p in parent) { q = p; while (q != "" && q != root && q > 1) q = parent[q]; if (q == root) print p } }'); do
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
    sum=$((sum + ${pss:-0}))
  done
  echo "$sum"
}

# Runs a command under GNU time; prints "seconds kilobytes exit-code cpu-seconds", the kilobytes being the
# peak of the process tree's summed PSS, sampled every 100 ms (or GNU time's peak RSS, if higher: it sees a
# peak between two samples).
measure() {
  local log="$dir/$1.log" status=0 peak=0 now
  shift
  /usr/bin/time -v -o "$dir/time.out" "$@" > "$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    now=$(tree_pss "$pid"); (( now > peak )) && peak=$now
    sleep 0.1
  done
  wait "$pid" || status=$?
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2, t, ":"); s=0; for (i=1; i<=n; i++) s=s*60+t[i]; print s}' "$dir/time.out")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.out")
  (( peak > rss )) && rss=$peak
  cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s+=$2} END {print s}' "$dir/time.out")
  echo "$wall $rss $status $cpu"
}

echo "compare: ${compare[*]}"
[[ $with_memlab == yes ]] && echo "memlab:  ${memlab[*]}"
results=()
for pair in $(seq 1 "$pairs"); do
  if [[ $with_memlab == yes && $((pair % 2)) == 0 ]]; then
    m=$(measure memlab "${memlab[@]}"); l=$(measure leakgate "${compare[@]}")
  else
    l=$(measure leakgate "${compare[@]}")
    [[ $with_memlab == yes ]] && m=$(measure memlab "${memlab[@]}") || m="0 0 0 0"
  fi
  read -r lw lr ls lc <<< "$l"; read -r mw mr ms mc <<< "$m"
  printf 'pair %d: leakgate %6.2f s (CPU %5.2f s) %7d KB (exit %d) | memlab %6.2f s (CPU %6.2f s) %8d KB (exit %d)\n' \
    "$pair" "$lw" "$lc" "$lr" "$ls" "$mw" "$mc" "$mr" "$ms"
  results+=("$lw $lr $mw $mr")
done
printf '%s\n' "${results[@]}" | sort -n -k1 | awk -v with_memlab=$with_memlab '
  { lw[NR]=$1; lr[NR]=$2; mw[NR]=$3; mr[NR]=$4; tr[NR]=($1 > 0 ? $3/$1 : 0); rr[NR]=($2 > 0 ? $4/$2 : 0) }
  function median(a, n,   i, j, t, b) { for (i=1; i<=n; i++) b[i]=a[i];
    for (i=1; i<=n; i++) for (j=i+1; j<=n; j++) if (b[j] < b[i]) { t=b[i]; b[i]=b[j]; b[j]=t }
    return n % 2 ? b[(n+1)/2] : (b[n/2] + b[n/2+1]) / 2 }
  END {
    printf "median leakgate: %.2f s, %d KB peak memory\n", median(lw, NR), median(lr, NR)
    if (with_memlab == "yes") {
      printf "median memlab:   %.2f s, %d KB peak memory\n", median(mw, NR), median(mr, NR)
      printf "median ratios per pair: memlab/leakgate time %.1fx, memory %.1fx\n", median(tr, NR), median(rr, NR)
    }
  }'
