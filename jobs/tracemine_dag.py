"""TraceMine on Airflow 2: ingest -> extract -> mine -> index -> stats -> report, one task per stage.

Two DAGs, the same six tasks and params:

* ``tracemine``: each task is a ``SparkSubmitOperator`` (apache-airflow-providers-apache-spark)
  submitting the cluster jar (``mvn -Pcluster package``) through the ``spark_default`` connection:
  ``spark-submit --class io.tracemine.cli.TraceMine <jar> <stage> --profile=... --output=...``.
  Workers need only ``spark-submit`` and the jar (or a URL of it), no checkout, no Maven.
* ``tracemine_submit_sh``: each task runs ``<home>/submit.sh <stage> ...`` from a TraceMine
  checkout, for a laptop or a single host without a Spark distribution or the Spark provider
  (submit.sh builds the jar and starts Spark from the Maven classpath). Defaults: local profile,
  bundled sample. Pause whichever of the two DAGs you do not use.

No shell is involved: arguments are lists (``application_args``, ``subprocess`` argv), and per-run
params are validated against a JSON schema when a run is triggered. Site defaults come from Airflow
Variables read when a task renders (``{{ var.value.get(...) }}``), never from the parse-time
environment. Each run reads the questions created in its data interval and writes
``<output_root>/<start>_<end>``, so scheduled runs and backfills never share files; with the param
``layout=shared`` every run writes ``<output_root>`` itself and replaces only its interval's
months there (``max_active_runs=1`` runs them one after another; the output's lock refuses a
second writer), so mined patterns, per-period tables and trends cover every interval so far.
Exit codes 2 (bad configuration), 3 (unreadable input) and 52 (a task out of heap) fail the task at
once; other failures retry. See docs/SCHEDULING.md; jobs/test_dag.py checks this file against a model of Airflow.
"""
from __future__ import annotations

import json
import logging
import os
import re
import subprocess
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.models.param import Param
from airflow.operators.python import PythonOperator

try:
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
except ImportError:  # the provider is not installed: only the submit.sh DAG is offered
    SparkSubmitOperator = None

STAGES = ["ingest", "extract", "mine", "index", "stats", "report"]
MAIN_CLASS = "io.tracemine.cli.TraceMine"
SPARK_CONN_ID = "spark_default"
# submit.sh / spark-submit exit codes that a retry cannot fix (see README, "Exit codes").
PERMANENT_EXIT_CODES = {2: "bad configuration or usage", 3: "unreadable input",
                        52: "a Spark task ran out of heap; give the driver (or executors) more memory"}

# Paths: no leading '-' (it would read as an option) and no whitespace or control characters.
PATH_PATTERN = r"^[^\s-][^\s]*$"
SETTING_PATTERN = r"^[a-z][a-z0-9_.-]*=[^\n\r]*$"

def params():
    """Per-run params, validated by Airflow against their JSON schema when a run is triggered."""
    return {
        "profile": Param(None, type=["null", "string"], enum=[None, "local", "cluster", "paper"],
                         description="conf/profiles/<profile>.properties; empty: Variable "
                                     "tracemine_profile, else cluster (tracemine_submit_sh: "
                                     "local)"),
        "output_root": Param(None, type=["null", "string"], pattern=PATH_PATTERN,
                             description="parent of the per-interval output directories; empty: "
                                         "Variable tracemine_output_root, else /data/tracemine"),
        "source": Param(None, type=["null", "string"],
                        enum=[None, "sample", "xml", "parquet", "bigquery"],
                        description="where posts come from; empty: Variable tracemine_source, "
                                    "else bigquery (tracemine_submit_sh: sample)"),
        "input": Param(None, type=["null", "string"], pattern=PATH_PATTERN,
                       description="Posts.xml or Parquet path for xml/parquet; empty: Variable "
                                   "tracemine_input"),
        "layout": Param("interval", type="string", enum=["interval", "shared"],
                        description="interval: each run writes <output_root>/<start>_<end>; "
                                    "shared: every run writes <output_root> itself, replacing "
                                    "only its interval's months, so the tables, trends and "
                                    "'rising' cover every interval run so far"),
        "window": Param("interval", type="string", enum=["interval", "all"],
                        description="interval: only questions created in the run's data interval; "
                                    "all: every question (a full snapshot, e.g. a first load)"),
        "settings": Param([], type="array", items={"type": "string", "pattern": SETTING_PATTERN},
                          description="extra configuration, KEY=VALUE each (passed as --set)"),
    }


def choice(param, variable, default):
    """Template: the run's param, else the Airflow Variable, else a default."""
    return "{{ params.%s or var.value.get('%s', '%s') }}" % (param, variable, default)


OUTPUT_DIR = (choice("output_root", "tracemine_output_root", "/data/tracemine")
              + "{{ '' if params.layout == 'shared' else '/' ~ (data_interval_start | ds) ~ '_'"
                " ~ (data_interval_end | ds) }}")
WINDOW_START = "{{ data_interval_start | ds if params.window == 'interval' else '' }}"
WINDOW_END = "{{ data_interval_end | ds if params.window == 'interval' else '' }}"


def stage_args(stage, profile, source):
    """The TraceMine arguments of one stage, as templates (``profile``, ``source``: defaults when
    neither the param nor the Variable is set); each option is one ``--name=value`` word, so a
    value can never be read as another option."""
    args = [stage,
            "--profile=" + choice("profile", "tracemine_profile", profile),
            "--output=" + OUTPUT_DIR,
            "--json"]
    if stage == "ingest":
        args += ["--source=" + choice("source", "tracemine_source", source),
                 "--input=" + choice("input", "tracemine_input", ""),
                 "--since=" + WINDOW_START,
                 "--until=" + WINDOW_END]
    return args


def setting_args(params):
    """The run's `settings` param as --set options (validated by the param's schema)."""
    return ["--set=" + setting for setting in params.get("settings") or []]


def permanent_failure(stage, exit_code, detail):
    """AirflowFailException (no retry) for exit codes 2, 3 and 52, else None."""
    if exit_code not in PERMANENT_EXIT_CODES:
        return None
    return AirflowFailException(
        "TraceMine %s exited %d (%s): not retried, fix it and clear the task. %s"
        % (stage, exit_code, PERMANENT_EXIT_CODES[exit_code], detail))


if SparkSubmitOperator is not None:
    class TraceMineSparkSubmitOperator(SparkSubmitOperator):
        """One stage through spark-submit. The provider's hook raises AirflowException("Cannot
        execute: <cmd>. Error code is: N.") for a non-zero exit; codes 2, 3 and 52 become
        AirflowFailException. In client deploy mode (the default) spark-submit exits with the
        driver's code; in cluster mode it cannot know it, and every failure retries."""

        ui_color = "#e8f0fa"

        def execute(self, context):
            self.application_args = list(self.application_args) + setting_args(context["params"])
            try:
                return super().execute(context)
            except AirflowFailException:
                raise
            except AirflowException as error:
                found = re.search(r"Error code is: (\d+)\.", str(error))
                failure = permanent_failure(self.task_id, int(found.group(1)) if found else None,
                                            "See the 'tracemine:' line above.")
                if failure is not None:
                    raise failure from error
                raise
else:
    TraceMineSparkSubmitOperator = None


def run_submit_sh(home, args, stage, params):
    """Runs `<home>/submit.sh ARGS` without a shell, logs its output, returns the stage's JSON
    summary (the task's XCom). Exit 2/3/52 -> AirflowFailException, other failures -> retry."""
    log = logging.getLogger("airflow.task")
    command = [os.path.join(home, "submit.sh")] + list(args) + setting_args(params)
    log.info("Running %s", command)
    summary, last_error = None, ""
    with subprocess.Popen(command, cwd=home, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True) as process:
        try:
            for line in process.stdout:
                line = line.rstrip("\n")
                log.info("%s", line)
                if line.startswith("{"):
                    summary = line
                elif line.startswith("tracemine:"):
                    last_error = line
        except BaseException:
            # execution_timeout raises AirflowTaskTimeout here, in the task's own process:
            # leaving the block would wait for the stage to finish (and commit) on its own
            stop_submit_sh(process, log)
            raise
    code = process.returncode
    if code != 0:
        failure = permanent_failure(stage, code, last_error)
        if failure is not None:
            raise failure
        raise AirflowException("TraceMine %s exited %d (will retry). %s"
                               % (stage, code, last_error))
    return json.loads(summary) if summary else None


# Seconds a signalled stage has to stop Spark and release the output's lock before it is killed.
STOP_GRACE_SECONDS = 120


def stop_submit_sh(process, log):
    """SIGTERM (the driver prints its 'interrupted by a signal' line, exits 143 and releases the
    output's lock), then SIGKILL after STOP_GRACE_SECONDS."""
    if process.poll() is not None:
        return
    log.warning("Stopping TraceMine (pid %d) with SIGTERM", process.pid)
    process.terminate()
    try:
        rest, _ = process.communicate(timeout=STOP_GRACE_SECONDS)
        for line in (rest or "").splitlines():
            log.info("%s", line)
    except subprocess.TimeoutExpired:
        log.warning("TraceMine did not stop in %d s: SIGKILL", STOP_GRACE_SECONDS)
        process.kill()
        process.wait()


DEFAULT_ARGS = {
    "owner": "tracemine",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "execution_timeout": timedelta(hours=6),
}


def tracemine_dag(dag_id, description, make_task):
    with DAG(
        dag_id=dag_id,
        description=description,
        schedule="@weekly",
        start_date=datetime(2024, 1, 1),
        catchup=False,
        max_active_runs=1,
        default_args=DEFAULT_ARGS,
        params=params(),
        doc_md=__doc__,
        tags=["tracemine", "spark"],
    ) as dag:
        previous = None
        for stage in STAGES:
            task = make_task(stage)
            if previous is not None:
                previous >> task
            previous = task
    return dag


def spark_submit_task(stage):
    return TraceMineSparkSubmitOperator(
        task_id=stage,
        conn_id=SPARK_CONN_ID,
        application="{{ var.value.get('tracemine_jar', "
                    "'/opt/tracemine/tracemine-0.1.0-SNAPSHOT-cluster.jar') }}",
        java_class=MAIN_CLASS,
        name="tracemine-" + stage + "-{{ data_interval_start | ds }}",
        properties_file="{{ var.value.get('tracemine_spark_properties', '') }}",
        application_args=stage_args(stage, "cluster", "bigquery"),
    )


def submit_sh_task(stage):
    return PythonOperator(
        task_id=stage,
        python_callable=run_submit_sh,
        op_kwargs={
            "home": "{{ var.value.get('tracemine_home', '/opt/tracemine') }}",
            "args": stage_args(stage, "local", "sample"),
            "stage": stage,
        },
    )


if TraceMineSparkSubmitOperator is not None:
    spark_dag = tracemine_dag(
        "tracemine", "TraceMine stages as spark-submit jobs (cluster jar, spark_default)",
        spark_submit_task)

submit_sh_dag = tracemine_dag(
    "tracemine_submit_sh", "TraceMine stages through submit.sh (a checkout on the worker)",
    submit_sh_task)
