#!/usr/bin/env bash
# Scale run: generates N questions as Parquet, runs every stage of the pipeline (each stage its own
# submit.sh process) on local[2] and/or a standalone cluster of 1 or 2 workers on 127.0.0.1, and
# prints per stage: wall, CPU seconds (driver; executors on a cluster), rows in/out, peak RSS of the
# driver and of the executors, and throughput. Ends with a projection to the whole Stack Overflow
# dump from the measured per-stage figures.
#
#   bench/scale-run.sh --questions 100000                         local[2]
#   bench/scale-run.sh --questions 2000000 --modes local,cluster1,cluster2
#   bench/scale-run.sh --questions 24000000 --modes cluster2 --work /data/tm-scale --executor-memory 6g
#
# Options (defaults in brackets):
#   --questions N          questions to generate (posts are about 2.1 per question) [100000]
#   --modes LIST           comma-separated: local, cluster1, cluster2 [local]
#   --work DIR             work directory: corpus/, out-<mode>/, logs/, results.tsv [/tmp/tm-scale]
#                          (created; an existing non-empty directory must be an earlier scale run's)
#   --local-cores N        cores of the local mode, local[N] [2]
#   --worker-cores N       cores per standalone worker [2]
#   --driver-memory SIZE   heap of the driver JVM [4g]
#   --executor-memory SIZE heap of each executor; a worker offers 1g more [3g]
#   --port N               the standalone master's port; its web UI is N+1000, workers' N+1001.. [7077]
#   --real-posts N         posts of the dump to project to [60000000]
#   --real-questions N     questions of the dump to project to [24000000]
#   --target-minutes N     the projection's cluster size finishes within this [60]
#   --regenerate           generate the corpus again even when the work directory has one
#
# The cluster (master, workers, their executors) is stopped on exit, error and Ctrl-C; only the
# processes this script started are stopped. Busy ports fail before anything starts.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
submit="$here/submit.sh"
questions=100000
modes=local
work=/tmp/tm-scale
local_cores=2
worker_cores=2
driver_memory=4g
executor_memory=3g
port=7077
real_posts=60000000
real_questions=24000000
target_minutes=60
regenerate=no

die() {
  echo "scale-run: $*" >&2
  exit 2
}
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (see the header of $0)"; }
positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 is '$2' but must be a positive integer"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --questions) need_value "$@"; questions=$2; shift 2 ;;
    --modes) need_value "$@"; modes=$2; shift 2 ;;
    --work) need_value "$@"; work=$2; shift 2 ;;
    --local-cores) need_value "$@"; local_cores=$2; shift 2 ;;
    --worker-cores) need_value "$@"; worker_cores=$2; shift 2 ;;
    --driver-memory) need_value "$@"; driver_memory=$2; shift 2 ;;
    --executor-memory) need_value "$@"; executor_memory=$2; shift 2 ;;
    --port) need_value "$@"; port=$2; shift 2 ;;
    --real-posts) need_value "$@"; real_posts=$2; shift 2 ;;
    --real-questions) need_value "$@"; real_questions=$2; shift 2 ;;
    --target-minutes) need_value "$@"; target_minutes=$2; shift 2 ;;
    --regenerate) regenerate=yes; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (valid: --questions --modes --work --local-cores --worker-cores \
--driver-memory --executor-memory --port --real-posts --real-questions --target-minutes \
--regenerate --help)" ;;
  esac
done
for v in questions local_cores worker_cores port real_posts real_questions target_minutes; do
  positive "--${v//_/-}" "${!v}"
done
[[ "$driver_memory" =~ ^[0-9]+[mMgG]$ ]] || die "--driver-memory is '$driver_memory' (e.g. 4g)"
[[ "$executor_memory" =~ ^[0-9]+[mMgG]$ ]] || die "--executor-memory is '$executor_memory' (e.g. 3g)"
IFS=, read -r -a mode_list <<< "$modes"
for m in "${mode_list[@]}"; do
  case "$m" in
    local|cluster1|cluster2) ;;
    *) die "--modes has '$m' (valid: local, cluster1, cluster2)" ;;
  esac
done
command -v /usr/bin/time >/dev/null || die "needs /usr/bin/time (GNU time) to measure CPU and RSS"
[ -r /proc/self/stat ] || die "needs /proc to measure the workers' CPU and RSS"

# The work directory: new, empty, or one this script made before (marker file).
marker=".tracemine-scale-run"
if [ -e "$work" ] && [ ! -d "$work" ]; then
  die "--work $work exists and is not a directory"
fi
if [ -d "$work" ] && [ -n "$(ls -A "$work")" ] && [ ! -f "$work/$marker" ]; then
  die "--work $work is not empty and was not made by this script; choose an empty or new directory"
fi
mkdir -p "$work/logs" || die "cannot create --work $work"
touch "$work/$marker" 2>/dev/null || die "--work $work is not writable"
work=$(cd "$work" && pwd)
results="$work/results.tsv"
echo "scale-run: work directory $work ($(df -h "$work" | awk 'NR==2 {print $4}') free)"

tck=$(getconf CLK_TCK)
started_pids=()
sampler_pid=""
stage_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  if [ -n "$stage_pid" ]; then
    # the running stage: /usr/bin/time and the driver JVM it started
    for c in $(pgrep -P "$stage_pid" 2>/dev/null || true); do kill "$c" 2>/dev/null || true; done
    kill "$stage_pid" 2>/dev/null || true
  fi
  stop_cluster
  exit $rc
}
trap cleanup EXIT
exec 3>&2 # the script's own stderr, also while a command's output is redirected to its log
trap 'echo "scale-run: interrupted, stopping" >&3; exit 130' INT TERM

stop_cluster() {
  local p c
  # executors first (children of the workers), then workers and master: only our own processes
  for p in "${started_pids[@]+"${started_pids[@]}"}"; do
    for c in $(pgrep -P "$p" 2>/dev/null || true); do kill "$c" 2>/dev/null || true; done
  done
  for p in "${started_pids[@]+"${started_pids[@]}"}"; do kill "$p" 2>/dev/null || true; done
  for p in "${started_pids[@]+"${started_pids[@]}"}"; do
    for _ in $(seq 1 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$p" 2>/dev/null || true
  done
  started_pids=()
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# the master's port, its web UI and the workers' web UIs: free, or fail naming the busy one
check_ports() {
  local n=$1 i p
  local ui=$((port + 1000))
  local ports=("$port" "$ui")
  for i in $(seq 1 "$n"); do ports+=($((ui + i))); done
  for p in "${ports[@]}"; do
    if port_busy "$p"; then
      die "port $p on 127.0.0.1 is busy (another Spark master or web UI?); stop it or pass \
--port N (uses N, N+1000, N+1001..)"
    fi
  done
}


case ",$modes," in
  *,cluster*)
    command -v curl >/dev/null || die "cluster modes need curl (to wait for the workers)"
    check_ports 2 ;;
esac

# Runs a command in the background and waits for it, so that a signal to this script stops it at
# once (bash runs a trap only after the foreground command ends); the cleanup kills it.
run_waited() {
  "$@" &
  stage_pid=$!
  local rc=0
  wait "$stage_pid" || rc=$?
  stage_pid=""
  return "$rc"
}

# --- build (submit.sh builds the jar and resolves the classpath once) --------------------------
run_waited "$submit" --version >/dev/null
classpath=$(cat "$here/target/classpath.txt")
add_opens=$(cat "$here/.mvn/jvm.config")

# --- corpus -------------------------------------------------------------------------------------
corpus="$work/corpus"
if [ "$regenerate" = yes ] || [ "$(cat "$corpus/.questions" 2>/dev/null)" != "$questions" ]; then
  rm -rf "$corpus"
  echo "scale-run: generating $questions questions as Parquet into $corpus"
  run_waited /usr/bin/time -f '%e %U %S %M' -o "$work/logs/generate.time" \
    "$submit" --master "local[$local_cores]" --driver-memory "$driver_memory" \
    generate --questions "$questions" --format parquet --output "$corpus" --quiet \
    > "$work/logs/generate.log" 2>&1 ||
    { tail -20 "$work/logs/generate.log" >&2; die "generate failed (log: $work/logs/generate.log)"; }
  echo "$questions" > "$corpus/.questions"
  read -r gw gu gs gm < "$work/logs/generate.time"
  echo "scale-run: generated in ${gw} s wall, $(echo "$gu $gs" | awk '{printf "%.1f", $1 + $2}') CPU s"
fi
posts_input="$corpus/posts"
[ -d "$posts_input" ] || posts_input="$corpus"

# --- measurement helpers ------------------------------------------------------------------------
# CPU ticks of a process and of its waited-for children (the workers reap their executors)
ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
worker_pids=()
workers_ticks() {
  local t=0 p
  for p in "${worker_pids[@]+"${worker_pids[@]}"}"; do t=$((t + $(ticks "$p"))); done
  echo "$t"
}
executors() {
  local p
  for p in "${worker_pids[@]+"${worker_pids[@]}"}"; do pgrep -P "$p" 2>/dev/null || true; done
}
# records the largest VmHWM (kB) of any executor, every second, into $1
start_sampler() {
  : > "$1"
  (
    while true; do
      for e in $(executors); do
        awk -v pid="$e" '/^VmHWM/ {print pid, $2}' "/proc/$e/status" 2>/dev/null || true
      done >> "$1"
      sleep 1
    done
  ) &
  sampler_pid=$!
}
stop_sampler() {
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
}
await_no_executors() {
  for _ in $(seq 1 120); do [ -z "$(executors)" ] && return 0; sleep 0.5; done
  echo "scale-run: warning: executors still alive 60 s after the stage; their CPU is not counted" >&2
}
count() {
  local v
  v=$(grep -o "\"$2\":[0-9]*" "$1" | head -1 | cut -d: -f2 || true)
  echo "${v:-0}"
}

start_cluster() {
  local n=$1 i
  local ui=$((port + 1000))
  check_ports "$n"
  local home="$work/spark-home"
  mkdir -p "$home/jars"
  tr ':' '\n' <<< "$classpath" | while read -r jar; do
    case "$jar" in *.jar) [ -e "$home/jars/$(basename "$jar")" ] || ln -s "$jar" "$home/jars/" ;; esac
  done
  local mem_mb
  mem_mb=$(awk -v m="$executor_memory" 'BEGIN { u = tolower(substr(m, length(m)));
    v = substr(m, 1, length(m) - 1); print (u == "g" ? v * 1024 : v) + 1024 }')
  # shellcheck disable=SC2086
  SPARK_HOME="$home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12 \
    java -Xmx512m $add_opens -cp "$classpath" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$ui" > "$work/logs/master.log" 2>&1 &
  started_pids+=($!)
  worker_pids=()
  for i in $(seq 1 "$n"); do
    mkdir -p "$work/worker$i"
    # shellcheck disable=SC2086
    SPARK_HOME="$home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12 \
      java -Xmx512m $add_opens -cp "$classpath" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$worker_cores" --memory "${mem_mb}m" --webui-port $((ui + i)) \
      --work-dir "$work/worker$i" "spark://127.0.0.1:$port" > "$work/logs/worker$i.log" 2>&1 &
    started_pids+=($!)
    worker_pids+=($!)
  done
  for _ in $(seq 1 240); do
    if curl -s "http://127.0.0.1:$ui/json/" | tr -d ' \n' | grep -q "\"aliveworkers\":$n"; then
      echo "scale-run: master spark://127.0.0.1:$port, $n worker(s) of $worker_cores cores"
      return 0
    fi
    for p in "${started_pids[@]}"; do
      kill -0 "$p" 2>/dev/null ||
        die "a cluster process exited at start; see $work/logs/master.log and worker*.log"
    done
    sleep 0.5
  done
  die "the workers did not register within 120 s; see $work/logs/master.log and worker*.log"
}

# --- one mode: every stage, one submit.sh process each ------------------------------------------
stages=(ingest extract mine index stats report)
header="mode stage stage_s wall_s driver_cpu_s executor_cpu_s rows_in rows_out driver_rss_kb"
header="$header executor_rss_kb rows_per_s load1"
tr ' ' '\t' <<< "$header" > "$results.new"
[ -f "$results" ] && grep -v -E "^mode	" "$results" | while IFS=$'\t' read -r m rest; do
  case ",$modes," in *",$m,"*) ;; *) printf '%s\t%s\n' "$m" "$rest" ;; esac
done >> "$results.new"

run_mode() {
  local mode=$1 master cores
  case "$mode" in
    local) master="local[$local_cores]"; cores=$local_cores ;;
    cluster*) start_cluster "${mode#cluster}"; master="spark://127.0.0.1:$port"
      cores=$((${mode#cluster} * worker_cores)) ;;
  esac
  local out="$work/out-$mode"
  rm -rf "$out"
  local trace_rows=0 question_rows=0 patterns=0
  for stage in "${stages[@]}"; do
    local args=(--json --quiet --output "$out")
    [ "$stage" = ingest ] && args+=(--source parquet --input "$posts_input")
    local extra=()
    [ "$mode" != local ] && extra=(--conf "spark.executor.memory=$executor_memory")
    local log="$work/logs/$mode-$stage" before after
    before=$(workers_ticks)
    [ "$mode" != local ] && start_sampler "$log.rss"
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    local stage_rc=0
    run_waited /usr/bin/time -f '%e %U %S %M' -o "$log.time" "$submit" --master "$master" \
      --driver-memory "$driver_memory" "${extra[@]+"${extra[@]}"}" "$stage" "${args[@]}" \
      > "$log.json" 2> "$log.log" || stage_rc=$?
    if [ "$stage_rc" -ne 0 ]; then
      tail -15 "$log.log" >&2
      die "$mode: stage $stage failed (log: $log.log, $log.json)"
    fi
    local executor_cpu=0 executor_rss=0
    if [ "$mode" != local ]; then
      await_no_executors
      stop_sampler
      after=$(workers_ticks)
      executor_cpu=$(awk -v t=$((after - before)) -v h="$tck" 'BEGIN {printf "%.1f", t / h}')
      executor_rss=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {print m}' "$log.rss")
    fi
    local wall user sys rss
    read -r wall user sys rss < "$log.time"
    local json="$log.json" rows_in rows_out
    case "$stage" in
      ingest) rows_in=$(count "$json" rows_read)
        rows_out=$(( $(count "$json" questions_selected) + $(count "$json" answers_selected) )) ;;
      extract) rows_in=$(count "$json" questions_read); rows_out=$(count "$json" question_rows)
        trace_rows=$(count "$json" trace_rows); question_rows=$rows_out ;;
      mine) rows_in=$trace_rows; rows_out=$(count "$json" patterns); patterns=$rows_out ;;
      index) rows_in=$patterns; rows_out=0 ;;
      stats) rows_in=$question_rows; rows_out=$(count "$json" tables) ;;
      report) rows_in=$question_rows; rows_out=0 ;;
    esac
    local stage_s
    stage_s=$(grep -o '"stage":"[a-z]*","seconds":[0-9.]*' "$json" | head -1 | cut -d: -f3 || true)
    stage_s=${stage_s:-$wall}
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$stage" "$stage_s" "$wall" \
      "$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.1f", u + s}')" "$executor_cpu" \
      "${rows_in:-0}" "${rows_out:-0}" "$rss" "$executor_rss" \
      "$(awk -v r="${rows_in:-0}" -v w="$stage_s" 'BEGIN {printf "%.0f", (w > 0 ? r / w : 0)}')" \
      "$load" >> "$results.new"
    echo "scale-run: $mode $stage ${stage_s} s in the stage, ${wall} s for the process"
  done
  echo "$cores" > "$work/out-$mode/.cores"
  stop_cluster
  worker_pids=()
}

for m in "${mode_list[@]}"; do
  run_mode "$m"
done
mv "$results.new" "$results"

# --- report -------------------------------------------------------------------------------------
echo
echo "TraceMine scale run: $questions generated questions, $(date -u '+%Y-%m-%d %H:%M UTC'),"
echo "$(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg) (each stage's at its start:"
echo "the load column)"
awk -F'\t' '
  NR == 1 { next }
  { key = $1; if (!(key in seen)) { seen[key] = 1; order[++n] = key } rows[key] = rows[key] "\n" $0 }
  END {
    for (i = 1; i <= n; i++) {
      m = order[i]
      printf "\n%s\n", m
      printf "%-8s %8s %8s %9s %9s %12s %12s %10s %10s %9s %6s\n", "stage", "stage s", "wall s",
        "drv CPU s", "exe CPU s", "rows in", "rows out", "drv RSS MB", "exe RSS MB", "rows/s", "load"
      k = split(substr(rows[m], 2), lines, "\n")
      ts = 0; tw = 0; tc = 0
      for (j = 1; j <= k; j++) {
        split(lines[j], f, "\t")
        printf "%-8s %8.1f %8.1f %9.1f %9.1f %12d %12d %10.0f %10.0f %9d %6s\n", f[2], f[3], f[4],
          f[5], f[6], f[7], f[8], f[9] / 1024, f[10] / 1024, f[11], f[12]
        ts += f[3]; tw += f[4]; tc += f[5] + f[6]
      }
      printf "%-8s %8.1f %8.1f %19.1f  (CPU: driver + executors)\n", "total", ts, tw, tc
    }
  }' "$results"

# Speed-up per stage between modes measured in this work directory
if grep -q '^cluster1	' "$results" && grep -q '^cluster2	' "$results"; then
  echo
  echo "speed-up cluster1 -> cluster2:"
  awk -F'\t' '$1 == "cluster1" {a[$2] = $3} $1 == "cluster2" {b[$2] = $3}
    END {for (s in a) if (b[s] > 0) printf "  %-8s %.2fx\n", s, a[s] / b[s]}' "$results"
  echo "(stage seconds, without JVM and Spark start-up)"
fi

# Projection: each stage scaled by its input (ingest by posts, the others by questions), on the
# measured configuration; cores needed for --target-minutes by wall (linear speed-up assumed) and by
# CPU seconds (all cores busy: a lower bound).
echo
echo "Projection to the Stack Overflow dump ($real_posts posts, $real_questions questions), from the"
echo "measured per-stage throughput (stage seconds, without JVM start-up), assuming every stage is"
echo "linear in its input; CPU seconds include start-up, so small runs overestimate them:"
for m in "${mode_list[@]}"; do
  awk -F'\t' -v m="$m" -v rp="$real_posts" -v rq="$real_questions" -v gq="$questions" \
    -v cores="$(cat "$work/out-$m/.cores")" -v target="$target_minutes" -v wc="$worker_cores" '
    $1 != m { next }
    {
      f = ($2 == "ingest") ? ($7 > 0 ? rp / $7 : 0) : rq / gq
      w = $3 * f; c = ($5 + $6) * f
      tw += w; tc += c
      printf "  %-8s %-8s %10.0f s wall on %d cores %12.0f CPU s\n", m, $2, w, cores, c
    }
    END {
      need = ceil(tw * cores / (target * 60)); needc = ceil(tc / (target * 60))
      printf "  %-8s total    %10.0f s = %.1f h on %d cores; %.0f core-hours of CPU\n", m, tw, tw / 3600,
        cores, tc / 3600
      printf "  %-8s for %d min: about %d cores by wall (%d workers of %d cores), at least %d by CPU\n",
        m, target, need, ceil(need / wc), wc, needc
    }
    function ceil(x) { return (x == int(x)) ? x : int(x) + 1 }' "$results"
done
echo
echo "Results: $results (tab-separated), logs: $work/logs"
