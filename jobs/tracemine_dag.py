"""TraceMine on Airflow 2: ingest -> extract -> mine -> stats -> report, one task per stage.

Each task runs ``submit.sh <stage>`` from a TraceMine checkout (or unpacked release) on the worker:

    cd <home> && ./submit.sh <spark_args> <stage> --profile <profile> \
        --output "<output_root>/<ds>" --json <extra_args>

* One output directory per logical date (``{{ ds }}``): runs of different dates never share files.
* Retries are safe: every stage replaces its outputs atomically and reads only what the stage before
  wrote, so rerunning a task (or clearing a whole run) gives the same tables.
* ``--json`` makes each stage print one JSON summary line (counts, seconds, outputs) on stdout; it is
  in the task log and, being the last stdout line, becomes the task's XCom return value.
* submit.sh exit codes: 0 ok, 1 stage failed, 2 bad configuration or usage, 3 unreadable input
  (or an upstream stage not committed: rerun it), 4 output directory locked by another run.
  Any non-zero code fails the task; 2 and 3 will fail again on retry until the config/input is fixed.

Params (override them in "Trigger DAG w/ config"); defaults come from the worker's environment:
    profile      conf/profiles/<profile>.properties: local | cluster | paper   (TRACEMINE_PROFILE)
    home         directory holding submit.sh and conf/                         (TRACEMINE_HOME)
    output_root  parent of the per-date output directories                     (TRACEMINE_OUTPUT_ROOT)
    spark_args   spark-submit options, e.g. "--master yarn --deploy-mode client" (TRACEMINE_SPARK_ARGS)
    extra_args   TraceMine options for every stage, e.g. "--set source.type=xml --set source.path=/dumps"

Templates use plain ``{{ name }}`` substitutions only, so jobs/test_dag.py can render them without
Airflow. See docs/SCHEDULING.md.
"""
import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models.param import Param
from airflow.operators.bash import BashOperator

STAGES = ["ingest", "extract", "mine", "stats", "report"]

COMMAND = (
    "cd {{ params.home }} && ./submit.sh {{ params.spark_args }} %s"
    ' --profile {{ params.profile }} --output "{{ params.output_root }}/{{ ds }}" --json'
    " {{ params.extra_args }}"
)

with DAG(
    dag_id="tracemine",
    description="Mine Python stack traces of Stack Overflow ML questions (TraceMine, Spark)",
    schedule="@weekly",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "tracemine",
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "execution_timeout": timedelta(hours=6),
    },
    params={
        "profile": Param(os.environ.get("TRACEMINE_PROFILE", "cluster"), type="string",
                         enum=["local", "cluster", "paper"]),
        "home": Param(os.environ.get("TRACEMINE_HOME", "/opt/tracemine"), type="string"),
        "output_root": Param(os.environ.get("TRACEMINE_OUTPUT_ROOT", "/data/tracemine"), type="string"),
        "spark_args": Param(os.environ.get("TRACEMINE_SPARK_ARGS", ""), type="string"),
        "extra_args": Param("", type="string"),
    },
    tags=["tracemine", "spark"],
) as dag:
    previous = None
    for stage in STAGES:
        task = BashOperator(task_id=stage, bash_command=COMMAND % stage)
        if previous is not None:
            previous >> task
        previous = task
