#!/usr/bin/env bash
# Runs a TraceMine command with Spark.
#
#   ./submit.sh run                                  whole pipeline, bundled corpus, local[*]
#   ./submit.sh ingest --source xml --input Posts.xml
#   ./submit.sh --master spark://host:7077 run       any spark-submit option passes through
#   ./submit.sh run --conf spark.executor.memory=4g
#
# spark-submit options (--master, --conf, --deploy-mode, --driver-memory, --executor-memory,
# --executor-cores, --num-executors, --total-executor-cores, --jars, --packages, --files, --queue,
# --name, --properties-file, --py-files, --archives, --keytab, --principal, --driver-java-options,
# --driver-class-path) may appear anywhere, as '--opt value' or '--opt=value'; everything else goes
# to TraceMine (./submit.sh run --help lists its options).
#
# Uses a real spark-submit when one is on PATH or under $SPARK_HOME; otherwise runs Spark's own
# org.apache.spark.deploy.SparkSubmit from the Maven classpath (building the jar first if needed).
set -euo pipefail
# Relative paths on the command line are the caller's; the project's own files are found here.
here=$(cd "$(dirname "$0")" && pwd)
export TRACEMINE_HOME="$here"
# A closed standard input (cron, a daemon started without one) would be taken by the first file the
# JVM opens, which 'match --trace -' would then read as the paste: it reads an empty input instead.
{ exec 3<&0; } 2>/dev/null && exec 3<&- || exec 0</dev/null
# Java reads and writes file names in the locale's encoding: under C or POSIX (cron, an Airflow
# worker without LANG) a name holding 'é' cannot be opened, and Hadoop leaves such a file out of a
# directory's listing. A locale whose encoding is not UTF-8 gets C.UTF-8 when the system has it.
case "$(locale charmap 2>/dev/null || true)" in
  UTF-8 | utf8) ;;
  *) if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then export LC_ALL=C.UTF-8; fi ;;
esac

# The environment variables submit.sh documents are checked before any Java starts: a value the JVM
# cannot use is named here with exit 2, as a bad setting is, not left to the JVM's own error.
refuse() {
  echo "submit.sh: $1 is '$2': $3" >&2
  exit 2
}
HEAP_SIZE='^[1-9][0-9]*[kKmMgGtT]?$'
HEAP_RULE="it takes the driver's heap size as java -Xmx does, a whole number with an optional unit"
HEAP_RULE+=" k, m, g or t (e.g. 4g)"
if [ -n "${TRACEMINE_DRIVER_MEMORY:-}" ] && ! [[ $TRACEMINE_DRIVER_MEMORY =~ $HEAP_SIZE ]]; then
  refuse TRACEMINE_DRIVER_MEMORY "$TRACEMINE_DRIVER_MEMORY" "$HEAP_RULE"
fi
case "${TRACEMINE_CDS:-on}" in
  on | off) ;;
  *) refuse TRACEMINE_CDS "$TRACEMINE_CDS" "it takes on or off (default: on)" ;;
esac
read -r -a gc_words <<< "${TRACEMINE_GC-}"
for word in "${gc_words[@]+"${gc_words[@]}"}"; do
  case "$word" in
    -XX:[+-]Use*GC)
      collector=${word#-XX:?Use}
      case "${collector%GC}" in
        Serial | Parallel | G1 | Z | Shenandoah | Epsilon) ;;
        *) refuse TRACEMINE_GC "$TRACEMINE_GC" "$word is no collector of the JVM (valid: Serial,\
 Parallel, G1, Z, Shenandoah, Epsilon)" ;;
      esac ;;
    -XX:?*) ;;
    *) refuse TRACEMINE_GC "$TRACEMINE_GC" "it takes options of the JVM's collector, each starting\
 with -XX: (e.g. -XX:+UseG1GC), or nothing for the JVM's default" ;;
  esac
done

ADD_OPENS=$(cat "$here/.mvn/jvm.config")
# the progress line is fitted to the terminal's width: a line the terminal wraps cannot be
# rewritten in place
if [ -z "${COLUMNS:-}" ] && [ -t 2 ]; then
  size=$(stty size < /dev/tty 2> /dev/null || true)
  [ -z "$size" ] || export COLUMNS="${size#* }"
fi
# a collector chosen in JAVA_TOOL_OPTIONS: the JVM refuses a second one on the command line
user_gc=no
case "${JAVA_TOOL_OPTIONS:-}" in *-XX:+Use*GC*) user_gc=yes ;; esac
# Class-data sharing (below) is off with TRACEMINE_CDS=off, and whenever the JVM runs an agent or a
# flight recording: JDK 17 crashes (SIGSEGV in check_shared_class_file_load_hook, exit 134) when a
# class-file load hook meets classes mapped from a dynamic archive; checked with
# JAVA_TOOL_OPTIONS=-XX:StartFlightRecording=settings=profile.
cds_mode=${TRACEMINE_CDS:-on}
case "${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-}" in
  *-javaagent* | *-agentlib* | *-agentpath* | *StartFlightRecording* | *FlightRecorderOptions*)
    cds_mode=off ;;
esac
# the JVM's own warnings (e.g. GC) go to stderr, not stdout where --json prints its one document
JVM_LOG="-Xlog:disable -Xlog:all=warning:stderr:uptime,level,tags"
spark_args=()
app_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --master|--conf|--deploy-mode|--driver-memory|--executor-memory|--executor-cores|--num-executors|\
    --total-executor-cores|--jars|--packages|--files|--queue|--name|--properties-file|--py-files|\
    --archives|--keytab|--principal|--driver-java-options|--driver-class-path|--driver-library-path|\
    --proxy-user|--repositories|--exclude-packages)
      [ $# -ge 2 ] || { echo "submit.sh: $1 needs a value" >&2; exit 2; }
      spark_args+=("$1" "$2"); shift 2 ;;
    --master=*|--conf=*|--deploy-mode=*|--driver-memory=*|--executor-memory=*|--executor-cores=*|\
    --num-executors=*|--total-executor-cores=*|--jars=*|--packages=*|--files=*|--queue=*|--name=*|\
    --properties-file=*|--py-files=*|--archives=*|--keytab=*|--principal=*|--driver-java-options=*|\
    --driver-class-path=*|--driver-library-path=*|--proxy-user=*|--repositories=*|--exclude-packages=*|\
    --supervise)
      spark_args+=("$1"); shift ;;
    *) app_args+=("$1"); shift ;;
  esac
done
[ ${#app_args[@]} -gt 0 ] || app_args=(run)

# The driver JVM's own settings. A real spark-submit puts them on the JVM it starts; without one,
# and for commands that need no Spark, the driver is the JVM this script starts, so they go on its
# command line here, as spark-submit's launcher would put them: its heap (--driver-memory), Java
# options (--driver-java-options), class path (--driver-class-path) and native library path
# (--driver-library-path), each also as --conf spark.driver.* or in the --properties-file, which the
# command line overrides. The last of an option and its --conf key wins, as in spark-submit, except
# that --driver-memory wins over spark.driver.memory wherever it stands.
declare -A driver_conf=()
properties_file=""
for ((i = 0; i < ${#spark_args[@]}; i++)); do
  option=${spark_args[$i]} value=""
  case "$option" in
    --*=*) value=${option#*=} option=${option%%=*} ;;
    *) [ $((i + 1)) -ge ${#spark_args[@]} ] || value=${spark_args[$((i + 1))]} ;;
  esac
  case "$option" in
    --driver-memory) driver_conf[option.memory]=$value ;;
    --driver-java-options) driver_conf[extraJavaOptions]=$value ;;
    --driver-class-path) driver_conf[extraClassPath]=$value ;;
    --driver-library-path) driver_conf[extraLibraryPath]=$value ;;
    --properties-file) properties_file=$value ;;
    --conf)
      case "$value" in
        spark.driver.memory=* | spark.driver.extraJavaOptions=* | spark.driver.defaultJavaOptions=* | \
          spark.driver.extraClassPath=* | spark.driver.extraLibraryPath=*)
          key=${value%%=*}
          driver_conf[${key#spark.driver.}]=${value#*=} ;;
      esac ;;
  esac
done
if [ -n "$properties_file" ]; then
  [ -r "$properties_file" ] || refuse --properties-file "$properties_file" "no readable file there"
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line#"${line%%[![:space:]]*}"}
    case "$line" in
      spark.driver.memory[=:\ $'\t']* | spark.driver.extraJavaOptions[=:\ $'\t']* | \
        spark.driver.defaultJavaOptions[=:\ $'\t']* | spark.driver.extraClassPath[=:\ $'\t']* | \
        spark.driver.extraLibraryPath[=:\ $'\t']*)
        key=${line%%[=: $'\t']*}
        value=${line#"$key"}
        value=${value#"${value%%[![:space:]]*}"}
        case "$value" in [=:]*) value=${value:1} ;; esac
        value=${value#"${value%%[![:space:]]*}"}
        value=${value%"${value##*[![:space:]]}"}
        key=${key#spark.driver.}
        [ -n "${driver_conf[$key]+set}" ] || driver_conf[$key]=$value ;;
    esac
  done < "$properties_file"
fi

# The heap: --driver-memory, else spark.driver.memory, else TRACEMINE_DRIVER_MEMORY, else 4g; it
# becomes java's -Xmx, checked here as the variable is.
driver_memory=${driver_conf[option.memory]:-}
conf_memory=${driver_conf[memory]:-}
[[ $driver_memory =~ $HEAP_SIZE ]] || [ -z "$driver_memory" ] ||
  refuse --driver-memory "$driver_memory" "$HEAP_RULE"
[[ $conf_memory =~ $HEAP_SIZE ]] || [ -z "$conf_memory" ] ||
  refuse spark.driver.memory "$conf_memory" "$HEAP_RULE"
driver_memory=${driver_memory:-${conf_memory:-${TRACEMINE_DRIVER_MEMORY:-4g}}}

# Java options are split into words as spark-submit splits them (quotes and backslashes group);
# like spark-submit, they may not set the heap.
driver_java_options=()
driver_gc_chosen=no
for key in defaultJavaOptions extraJavaOptions; do
  value=${driver_conf[$key]:-}
  [ -n "$value" ] || continue
  words_file=$(mktemp)
  if ! printf '%s' "$value" | xargs -r printf '%s\0' > "$words_file" 2> /dev/null; then
    rm -f "$words_file"
    refuse "spark.driver.$key" "$value" "its quotes do not close"
  fi
  mapfile -d '' -t words < "$words_file"
  rm -f "$words_file"
  for word in "${words[@]+"${words[@]}"}"; do
    case "$word" in
      -Xmx*) refuse "spark.driver.$key" "$value" "the driver's heap is set with --driver-memory\
 or spark.driver.memory, not with Java options (as spark-submit requires)" ;;
      -XX:[+-]Use*GC) driver_gc_chosen=yes ;;
    esac
  done
  driver_java_options+=("${words[@]+"${words[@]}"}")
done
driver_class_path=${driver_conf[extraClassPath]:-}
driver_class_path=${driver_class_path:+$driver_class_path:}
# a class-data archive holds one class path, and an agent or recording of these options would crash
# on it (above)
[ -z "$driver_class_path" ] || cds_mode=off
case " ${driver_java_options[*]-} " in
  *-javaagent* | *-agentlib* | *-agentpath* | *StartFlightRecording* | *FlightRecorderOptions* | \
    *SharedArchiveFile* | *ArchiveClassesAtExit* | *-Xshare*) cds_mode=off ;;
esac
if [ -n "${driver_conf[extraLibraryPath]:-}" ]; then
  export LD_LIBRARY_PATH="${driver_conf[extraLibraryPath]}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

has_master=no
for a in "${spark_args[@]+"${spark_args[@]}"}"; do
  case "$a" in --master|--master=*) has_master=yes ;; esac
done
[ "$has_master" = yes ] || spark_args=(--master "local[*]" "${spark_args[@]+"${spark_args[@]}"}")
case " ${spark_args[*]+"${spark_args[*]}"} " in *" local"*|*"=local"*) export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1} ;; esac

# Maven's output goes to a log, shown only when the build fails (keeps stdout clean for --json).
quiet_mvn() {
  mkdir -p "$here/target"
  if ! mvn -q -B -ntp -f "$here/pom.xml" "$@" > "$here/target/submit-build.log" 2>&1; then
    cat "$here/target/submit-build.log" >&2
    echo "submit.sh: the build failed (log: $here/target/submit-build.log)" >&2
    exit 1
  fi
}

jar="$here/target/tracemine-0.1.0-SNAPSHOT-cluster.jar"
stale() {
  [ ! -f "$jar" ] ||
    [ -n "$(find "$here/pom.xml" "$here/src/main" "$here/conf" -newer "$jar" -print -quit 2>/dev/null)" ]
}
# One build at a time: commands started together after a source change (scheduled tasks, two
# shells) wait for the first one's build, then find the jar fresh instead of writing target/ at once.
build_lock=""
take_build_lock() {
  mkdir -p "$here/target"
  command -v flock > /dev/null 2>&1 || return 0
  exec {build_lock}> "$here/target/.submit-build.lock"
  if ! flock -n "$build_lock"; then
    echo "submit.sh: waiting for another submit.sh's build of TraceMine…" >&2
    flock "$build_lock"
  fi
}
release_build_lock() {
  [ -z "$build_lock" ] || exec {build_lock}>&-
  build_lock=""
}

if stale; then
  take_build_lock
  if stale; then
    if [ -f "$jar" ]; then
      echo "submit.sh: rebuilding TraceMine (sources changed, ~1 min)…" >&2
    else
      echo "submit.sh: building TraceMine (first run, ~1 min)…" >&2
    fi
    # Maven rewrites a jar in place: a command still running from it would read another jar's
    # bytes at the offsets it knows. Removed first, the new jar is a new file; the old one lives on
    # for the commands that hold it open.
    rm -f "$jar"
    quiet_mvn -Pcluster -DskipTests package
  fi
  release_build_lock
fi

cp_file="$here/target/classpath.txt"
classpath_stale() {
  [ ! -f "$cp_file" ] || [ "$here/pom.xml" -nt "$cp_file" ]
}
build_classpath() {
  classpath_stale || return 0
  take_build_lock
  if classpath_stale; then
    echo "submit.sh: resolving Spark's classpath (once)…" >&2
    quiet_mvn dependency:build-classpath -Dmdep.outputFile="$cp_file.$$" \
      -Dmdep.includeScope=runtime
    mv -f "$cp_file.$$" "$cp_file"
  fi
  release_build_lock
}

# Commands that need no Spark start a plain JVM on the jar (Spark is not in it, and the CLI loads
# no Spark class for them): help and version, `generate` in xml, `mine --spmf`, and `match` of one
# trace (batch mode, --input TABLE, goes through Spark like every other command). A class-data
# archive of the classes they load (written by the first such run) and the C1 compiler alone make
# `./submit.sh --help` start in a fraction of a second.
needs_spark() {
  local a first=${app_args[0]}
  for a in "${app_args[@]}"; do
    case "$a" in -h|--help|-V|--version) return 1 ;; esac
  done
  case "$first" in
    help|-h|--help|-V|--version) return 1 ;;
    generate)
      for a in "${app_args[@]}"; do
        case "$a" in parquet|--format=parquet) return 0 ;; esac
      done
      return 1 ;;
    mine)
      for a in "${app_args[@]}"; do
        case "$a" in --spmf|--spmf=*) return 1 ;; esac
      done ;;
    match)
      for a in "${app_args[@]}"; do
        case "$a" in --input|--input=*) return 0 ;; esac
      done
      return 1 ;;
  esac
  return 0
}
if ! needs_spark; then
  # the CLI's --json report and match's knowledge base use Jackson, which the jar leaves to
  # Spark's classpath
  build_classpath
  jackson=$(tr ':' '\n' < "$cp_file" | grep -E '/jackson-(core|databind|annotations)-[0-9]' \
    | paste -sd: -)
  main_class=io.tracemine.cli.TraceMine
  class_path="$jar:$jackson"
  cds="$here/target/cli.jsa"
  if [ "${app_args[0]}" = match ]; then
    main_class=io.tracemine.cli.MatchMain
    cds="$here/target/match-cds.jsa"
  fi
  # class-data sharing: the first run after a build records the classes it loads, later runs map them
  cds_args=()
  if [ "$cds_mode" = off ]; then
    :
  elif [ -f "$cds" ] && [ "$cds" -nt "$jar" ]; then
    cds_args=(-Xshare:auto "-XX:SharedArchiveFile=$cds")
  else
    rm -f "$cds"
    cds_args=(-Xshare:auto "-XX:ArchiveClassesAtExit=$cds")
  fi
  [ ${#cds_args[@]} -eq 0 ] || cds_args+=(-Xlog:cds=off:stderr -Xlog:cds+dynamic=off:stderr)
  serial_gc=-XX:+UseSerialGC
  [ "$user_gc" = no ] && [ "$driver_gc_chosen" = no ] || serial_gc=""
  # shellcheck disable=SC2086
  exec java -Xmx"$driver_memory" $ADD_OPENS $JVM_LOG -XX:TieredStopAtLevel=1 $serial_gc \
    "${cds_args[@]+"${cds_args[@]}"}" "${driver_java_options[@]+"${driver_java_options[@]}"}" \
    -cp "$driver_class_path$class_path" "$main_class" "${app_args[@]}"
fi

spark_submit=""
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  spark_submit="$SPARK_HOME/bin/spark-submit"
elif command -v spark-submit >/dev/null 2>&1; then
  spark_submit=$(command -v spark-submit)
fi

if [ -n "$spark_submit" ]; then
  exec "$spark_submit" --class io.tracemine.cli.TraceMine "${spark_args[@]}" "$jar" "${app_args[@]}"
fi

# No Spark distribution: Spark's launcher class from the Maven classpath (Spark is a dependency).
# The driver then runs in this JVM, so its settings (above) go on this JVM's command line, as
# spark-submit's launcher would put them.
# The parallel (throughput) collector for the driver, which holds the executors in local mode,
# and for executors on a cluster: the mine stage takes about a fifth less time than under G1
# (docs/PERFORMANCE.md). TRACEMINE_GC= (empty) keeps the JVM's default; a collector chosen in
# JAVA_TOOL_OPTIONS or a later --conf spark.executor.defaultJavaOptions wins.
gc_opt=${TRACEMINE_GC--XX:+UseParallelGC}
[ "$user_gc" = no ] || gc_opt=""
gc_conf=()
[ -z "$gc_opt" ] || gc_conf=(--conf "spark.executor.defaultJavaOptions=$gc_opt")
driver_gc=$gc_opt
[ "$driver_gc_chosen" = no ] || driver_gc=""
build_classpath
# Class-data sharing for Spark's own classes (about 19,000 of them; the jar's are loaded by Spark's
# class loader and not archived): the first Spark run after the classpath changed records the
# classes it loads into target/spark-cds.jsa when it exits, later runs map them instead of parsing
# and verifying them (docs/PERFORMANCE.md, run 13). Each recording goes to its own file; the next
# run, once that JVM has exited, moves it into place if a JVM maps it with every checksum right (a
# recording cut short would crash the JVMs that map it), else deletes it. The JVM skips an archive
# that does not match its classpath; TRACEMINE_CDS=off, an agent or a flight recording (above), or
# CDS options of your own in JAVA_TOOL_OPTIONS, turn this off.
cds_args=()
case "$cds_mode/${JAVA_TOOL_OPTIONS:-}" in
  off/* | */*SharedArchiveFile* | */*ArchiveClassesAtExit* | */*Xshare:off*) ;;
  *)
    spark_cds="$here/target/spark-cds.jsa"
    for rec in "$spark_cds".*.rec; do
      [ -f "$rec" ] || continue
      pid=${rec%.rec}
      pid=${pid##*.}
      kill -0 "$pid" 2>/dev/null && continue
      # a finished recording: keep it if it is newer than the classpath and whole, else drop it
      if [ "$rec" -nt "$cp_file" ] && [ -s "$rec" ] &&
        java -Xshare:on -XX:+VerifySharedSpaces -XX:SharedArchiveFile="$rec" -Xlog:disable \
          -XX:ErrorFile=/dev/null -XX:-CreateCoredumpOnCrash -cp "$(cat "$cp_file")" -version \
          >/dev/null 2>&1; then
        mv -f "$rec" "$spark_cds"
      else
        rm -f "$rec"
      fi
    done
    if [ -f "$spark_cds" ] && [ "$spark_cds" -nt "$cp_file" ]; then
      cds_args=(-Xshare:auto "-XX:SharedArchiveFile=$spark_cds")
    elif ! ls "$spark_cds".*.rec >/dev/null 2>&1; then
      rm -f "$spark_cds"
      cds_args=(-Xshare:auto "-XX:ArchiveClassesAtExit=$spark_cds.$$.rec")
    fi
    [ ${#cds_args[@]} -eq 0 ] || cds_args+=(-Xlog:cds=off:stderr -Xlog:cds+dynamic=off:stderr)
    ;;
esac
# shellcheck disable=SC2086
exec java -Xmx"$driver_memory" $driver_gc $ADD_OPENS $JVM_LOG "${cds_args[@]+"${cds_args[@]}"}" \
  -Dlog4j2.configurationFile="$here/src/main/resources/log4j2.properties" \
  "${driver_java_options[@]+"${driver_java_options[@]}"}" \
  -cp "$driver_class_path$(cat "$cp_file")" org.apache.spark.deploy.SparkSubmit \
  --class io.tracemine.cli.TraceMine "${gc_conf[@]+"${gc_conf[@]}"}" "${spark_args[@]}" "$jar" \
  "${app_args[@]}"
