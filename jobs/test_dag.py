"""Checks jobs/tracemine_dag.py without Airflow, against a minimal but faithful model of it.

Airflow cannot be installed here, so this file models the parts of Airflow 2 the DAG relies on:

* ``Param``: JSON-schema validation with the real ``jsonschema`` (Debian python3-jsonschema), as
  ``Param.resolve`` does when a run is triggered;
* ``BaseOperator``: ``default_args`` applied only to arguments in the operator's signature, and
  unknown keyword arguments rejected ("Invalid arguments were passed to ...");
* templating: a sandboxed Jinja2 environment with ``StrictUndefined``, the ``do`` extension and
  the ``ds``/``ts`` filters; only ``template_fields`` are rendered, recursively through lists and
  dict values; the context names of a task run (ds, data_interval_start/end, params, var, conn...)
  with pendulum-style datetimes (``str()`` is ISO 8601);
* ``SparkSubmitOperator`` (providers-apache-spark 4.x signature and template_fields) and its hook's
  command line and failure ("Cannot execute: <cmd>. Error code is: N."); ``PythonOperator``
  passing the context names a callable asks for.

    /usr/bin/python3 jobs/test_dag.py                       # the checks (unittest)
    /usr/bin/python3 jobs/test_dag.py --print --dag tracemine --start 2024-01-01 --end 2024-01-08 \\
        [--conf '{"profile": "paper"}'] [--var tracemine_home=/opt/tm ...]
                               # one JSON line per task, in task order: {"task_id", "argv"}
    /usr/bin/python3 jobs/test_dag.py --run --dag tracemine_submit_sh ... [--tasks stats]
                               # executes the tasks in order (stops at the first failure); one
                               # JSON line per task: {"task_id", "xcom" or "error", "seconds"}
"""
import argparse
import datetime as dt
import importlib.util
import inspect
import json
import logging
import os
import sys
import tempfile
import time
import types
import unittest

import jinja2
import jinja2.sandbox
import jsonschema

DAG_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tracemine_dag.py")
STAGES = ["ingest", "extract", "mine", "index", "stats", "report"]
DAG_IDS = ["tracemine", "tracemine_submit_sh"]


# --- a model of Airflow ---------------------------------------------------------------------
class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    """Raised to fail a task without retrying."""


class AirflowNotFoundException(AirflowException):
    pass


class ParamValidationError(AirflowException):
    pass


class Param:
    def __init__(self, default=None, description=None, **schema):
        self.value = default
        self.description = description
        self.schema = schema

    def resolve(self, value):
        try:
            jsonschema.validate(value, self.schema, format_checker=jsonschema.FormatChecker())
        except jsonschema.ValidationError as error:
            raise ParamValidationError("Invalid input for param: %s" % error.message) from None
        return value


class DagContext:
    current = None


class DAG:
    def __init__(self, dag_id, description=None, schedule=None, start_date=None, catchup=True,
                 max_active_runs=16, default_args=None, params=None, doc_md=None, tags=None,
                 template_undefined=jinja2.StrictUndefined, render_template_as_native_obj=False):
        self.dag_id = dag_id
        self.description = description
        self.schedule = schedule
        self.start_date = start_date
        self.catchup = catchup
        self.max_active_runs = max_active_runs
        self.default_args = dict(default_args or {})
        self.params = dict(params or {})
        for name, param in self.params.items():
            if not isinstance(param, Param):
                raise TypeError("param %s is not a Param" % name)
        self.doc_md = doc_md
        self.tags = tags
        self.template_undefined = template_undefined
        if render_template_as_native_obj:
            raise NotImplementedError("the model renders strings only")
        self.tasks = []

    def __enter__(self):
        DagContext.current = self
        return self

    def __exit__(self, *exc):
        DagContext.current = None
        return False

    def resolve_params(self, conf):
        """Airflow: dag params updated with the run's conf, then each validated."""
        values = {name: p.value for name, p in self.params.items()}
        values.update(conf)
        return {name: (self.params[name].resolve(value) if name in self.params else value)
                for name, value in values.items()}

    def template_env(self):
        env = jinja2.sandbox.SandboxedEnvironment(
            undefined=self.template_undefined, extensions=["jinja2.ext.do"], cache_size=0)
        env.filters.update({
            "ds": lambda value: value.strftime("%Y-%m-%d"),
            "ds_nodash": lambda value: value.strftime("%Y%m%d"),
            "ts": lambda value: value.isoformat(),
            "ts_nodash": lambda value: value.strftime("%Y%m%dT%H%M%S"),
        })
        return env


BASE_OPERATOR_ARGS = {
    "task_id", "owner", "email", "email_on_retry", "email_on_failure", "retries", "retry_delay",
    "retry_exponential_backoff", "max_retry_delay", "start_date", "end_date", "depends_on_past",
    "wait_for_downstream", "dag", "params", "default_args", "priority_weight", "weight_rule",
    "queue", "pool", "pool_slots", "sla", "execution_timeout", "on_execute_callback",
    "on_failure_callback", "on_success_callback", "on_retry_callback", "trigger_rule",
    "resources", "run_as_user", "task_concurrency", "max_active_tis_per_dag", "executor_config",
    "do_xcom_push", "inlets", "outlets", "task_group", "doc", "doc_md", "doc_json", "doc_yaml",
    "doc_rst",
}


def _apply_defaults(init):
    """Airflow's BaseOperatorMeta: default_args fill only the arguments this __init__ declares."""
    declared = {name for name, p in inspect.signature(init).parameters.items()
                if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL) and name != "self"}

    def wrapper(self, *args, **kwargs):
        if args:
            raise AirflowException("Use keyword arguments when initializing operators")
        dag = kwargs.get("dag") or DagContext.current
        defaults = dict(dag.default_args) if dag is not None else {}
        for name in declared:
            if name not in kwargs and name in defaults:
                kwargs[name] = defaults[name]
        missing = [name for name, p in inspect.signature(init).parameters.items()
                   if name in declared and p.default is p.empty and name not in kwargs]
        if missing:
            raise AirflowException("missing keyword argument %s" % missing[0])
        init(self, **kwargs)
        if type(self).__init__ is wrapper:  # the outermost __init__ has run: Airflow's check
            for field in self.template_fields:
                if not hasattr(self, field):
                    raise AttributeError("%r is configured as a template field but %s does not have"
                                         " this attribute." % (field, type(self).__name__))
    wrapper.__signature__ = inspect.signature(init)
    return wrapper


class BaseOperator:
    template_fields = ()
    ui_color = "#fff"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:
            cls.__init__ = _apply_defaults(cls.__dict__["__init__"])

    def __init__(self, task_id, owner="airflow", retries=0, retry_delay=dt.timedelta(seconds=300),
                 execution_timeout=None, dag=None, params=None, **kwargs):
        unknown = set(kwargs) - BASE_OPERATOR_ARGS
        if unknown:
            raise AirflowException(
                "Invalid arguments were passed to %s (task_id: %s). Invalid arguments were:\n"
                "**kwargs: %s" % (type(self).__name__, task_id, {k: kwargs[k] for k in unknown}))
        dag = dag or DagContext.current
        if dag is None:
            raise AirflowException("task %s created outside a DAG" % task_id)
        self.task_id = task_id
        self.owner = owner
        self.retries = retries
        self.retry_delay = retry_delay
        self.execution_timeout = execution_timeout
        self.dag = dag
        self.doc_md = kwargs.get("doc_md")
        self.upstream = []
        self.downstream = []
        dag.tasks.append(self)

    def __rshift__(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            self.downstream.append(task)
            task.upstream.append(self)
        return other

    def render_template_fields(self, context):
        env = self.dag.template_env()
        for field in self.template_fields:
            setattr(self, field, render(getattr(self, field), context, env))

    def execute(self, context):
        raise NotImplementedError()


BaseOperator.__init__ = _apply_defaults(BaseOperator.__init__)


def render(value, context, env):
    """Airflow's Templater.render_template: strings through Jinja, containers recursively."""
    if isinstance(value, str):
        return env.from_string(value).render(**context)
    if isinstance(value, tuple):
        return tuple(render(v, context, env) for v in value)
    if isinstance(value, list):
        return [render(v, context, env) for v in value]
    if isinstance(value, dict):
        return {k: render(v, context, env) for k, v in value.items()}
    if isinstance(value, set):
        return {render(v, context, env) for v in value}
    return value


class PythonOperator(BaseOperator):
    template_fields = ("templates_dict", "op_args", "op_kwargs")

    def __init__(self, *, python_callable, op_args=None, op_kwargs=None, templates_dict=None,
                 templates_exts=None, show_return_value_in_logs=True, **kwargs):
        super().__init__(**kwargs)
        if not callable(python_callable):
            raise AirflowException("`python_callable` param must be callable")
        self.python_callable = python_callable
        self.op_args = op_args or ()
        self.op_kwargs = op_kwargs or {}
        self.templates_dict = templates_dict

    def execute(self, context):
        """Airflow's KeywordParameters.determine: op_kwargs plus the context names asked for."""
        wanted = inspect.signature(self.python_callable).parameters
        kwargs = dict(self.op_kwargs)
        clash = set(kwargs) & set(context)
        if clash:
            raise ValueError("The key %s in op_kwargs is reserved for the context" % sorted(clash))
        kwargs.update({name: context[name] for name in wanted if name in context})
        return self.python_callable(*self.op_args, **kwargs)


class SparkSubmitHook:
    """The command line providers-apache-spark builds, and how it fails."""
    runner = None  # set by tests: argv -> exit code

    def __init__(self, conn, conf, files, jars, java_class, name, application_args,
                 properties_file, deploy_mode, verbose, spark_binary):
        self.conn = conn
        self.conf = conf or {}
        self.files, self.jars, self.java_class = files, jars, java_class
        self.name, self.application_args = name, application_args
        self.properties_file, self.deploy_mode = properties_file, deploy_mode
        self.verbose, self.spark_binary = verbose, spark_binary

    def command(self, application):
        extra = self.conn.extra_dejson
        master = self.conn.host + (":%s" % self.conn.port if self.conn.port else "")
        cmd = [self.spark_binary or extra.get("spark-binary", "spark-submit"), "--master", master]
        for key, value in self.conf.items():
            cmd += ["--conf", "%s=%s" % (key, value)]
        if self.files:
            cmd += ["--files", self.files]
        if self.jars:
            cmd += ["--jars", self.jars]
        if self.properties_file:
            cmd += ["--properties-file", self.properties_file]
        cmd += ["--name", self.name]
        if self.java_class:
            cmd += ["--class", self.java_class]
        if self.verbose:
            cmd += ["--verbose"]
        if extra.get("queue"):
            cmd += ["--queue", extra["queue"]]
        deploy_mode = self.deploy_mode or extra.get("deploy-mode")
        if deploy_mode:
            cmd += ["--deploy-mode", deploy_mode]
        cmd += [application]
        cmd += [str(arg) for arg in self.application_args or []]
        return cmd

    def submit(self, application):
        cmd = self.command(application)
        returncode = SparkSubmitHook.runner(cmd) if SparkSubmitHook.runner else 0
        if returncode:
            raise AirflowException("Cannot execute: %s. Error code is: %s."
                                   % (" ".join(cmd), returncode))


class SparkSubmitOperator(BaseOperator):
    template_fields = ("application", "conf", "files", "py_files", "jars", "driver_class_path",
                       "packages", "exclude_packages", "keytab", "principal", "proxy_user", "name",
                       "application_args", "env_vars", "properties_file")

    def __init__(self, *, application="", conf=None, conn_id="spark_default", files=None,
                 py_files=None, archives=None, driver_class_path=None, jars=None, java_class=None,
                 packages=None, exclude_packages=None, repositories=None,
                 total_executor_cores=None, executor_cores=None, executor_memory=None,
                 driver_memory=None, keytab=None, principal=None, proxy_user=None,
                 name="arrow-spark", num_executors=None, status_poll_interval=1,
                 application_args=None, env_vars=None, verbose=False, spark_binary=None,
                 properties_file=None, yarn_queue=None, deploy_mode=None, use_krb5ccache=False,
                 **kwargs):
        super().__init__(**kwargs)
        self.application, self.conf, self.files, self.py_files = application, conf, files, py_files
        self.driver_class_path, self.jars, self.packages = driver_class_path, jars, packages
        self.exclude_packages, self.keytab, self.principal = exclude_packages, keytab, principal
        self.proxy_user, self.name, self.application_args = proxy_user, name, application_args
        self.env_vars, self.properties_file = env_vars, properties_file
        self._java_class, self._conn_id, self._verbose = java_class, conn_id, verbose
        self._spark_binary, self._deploy_mode = spark_binary, deploy_mode

    def hook(self, context):
        return SparkSubmitHook(context["conn"].get(self._conn_id), self.conf, self.files,
                               self.jars, self._java_class, self.name, self.application_args,
                               self.properties_file, self._deploy_mode, self._verbose,
                               self._spark_binary)

    def execute(self, context):
        self.hook(context).submit(self.application)


class Connection:
    def __init__(self, conn_id, host, port=None, extra=None):
        self.conn_id, self.host, self.port = conn_id, host, port
        self.extra_dejson = dict(extra or {})


class ConnectionAccessor:
    def __init__(self, connections):
        self._connections = connections

    def __getattr__(self, conn_id):
        return self.get(conn_id)

    def get(self, conn_id, default_conn=None):
        if conn_id in self._connections:
            return self._connections[conn_id]
        if default_conn is not None:
            return default_conn
        raise AirflowNotFoundException("The conn_id `%s` isn't defined" % conn_id)


class VariableAccessor:
    _missing = object()

    def __init__(self, variables):
        self._variables = variables

    def __getattr__(self, key):
        return self.get(key)

    def get(self, item, default_var=_missing):
        if item in self._variables:
            return self._variables[item]
        if default_var is VariableAccessor._missing:
            raise KeyError("Variable %s does not exist" % item)
        return default_var


class PendulumLike(dt.datetime):
    """pendulum.DateTime renders as ISO 8601 in templates."""
    def __str__(self):
        return self.isoformat()


def utc(day):
    d = dt.date.fromisoformat(day)
    return PendulumLike(d.year, d.month, d.day, tzinfo=dt.timezone.utc)


def context_for(dag, task, start, end, conf=None, variables=None, connections=None):
    """The template context of a scheduled run of ``dag`` for [start, end)."""
    start, end = utc(start), utc(end)
    ds = start.strftime("%Y-%m-%d")
    run_id = "scheduled__" + start.isoformat()
    ti = types.SimpleNamespace(task_id=task.task_id, dag_id=dag.dag_id, run_id=run_id, try_number=1)
    conns = {"spark_default": Connection("spark_default", "yarn")}
    conns.update(connections or {})
    return {
        "conf": types.SimpleNamespace(), "dag": dag, "task": task, "ti": ti,
        "task_instance": ti, "run_id": run_id, "dag_run": types.SimpleNamespace(conf=conf or {}),
        "logical_date": start, "execution_date": start, "data_interval_start": start,
        "data_interval_end": end, "ds": ds, "ds_nodash": ds.replace("-", ""),
        "ts": start.isoformat(), "ts_nodash": start.strftime("%Y%m%dT%H%M%S"),
        "prev_data_interval_start_success": None, "prev_data_interval_end_success": None,
        "params": dag.resolve_params(conf or {}), "test_mode": False, "inlets": [], "outlets": [],
        "macros": types.SimpleNamespace(), "task_instance_key_str": "%s__%s__%s" % (
            dag.dag_id, task.task_id, ds.replace("-", "")),
        "var": {"value": VariableAccessor(variables or {}), "json": VariableAccessor({})},
        "conn": ConnectionAccessor(conns),
    }


def install_airflow_model():
    modules = {name: types.ModuleType(name) for name in [
        "airflow", "airflow.exceptions", "airflow.models", "airflow.models.param",
        "airflow.operators", "airflow.operators.python", "airflow.providers",
        "airflow.providers.apache", "airflow.providers.apache.spark",
        "airflow.providers.apache.spark.operators",
        "airflow.providers.apache.spark.operators.spark_submit"]}
    modules["airflow"].DAG = DAG
    modules["airflow.exceptions"].AirflowException = AirflowException
    modules["airflow.exceptions"].AirflowFailException = AirflowFailException
    modules["airflow.models.param"].Param = Param
    modules["airflow.operators.python"].PythonOperator = PythonOperator
    modules["airflow.providers.apache.spark.operators.spark_submit"].SparkSubmitOperator = \
        SparkSubmitOperator
    sys.modules.update(modules)


def load_dags():
    """Imports the DAG file under the model; returns its DAGs by id."""
    install_airflow_model()
    spec = importlib.util.spec_from_file_location("tracemine_dag", DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, {v.dag_id: v for v in vars(module).values() if isinstance(v, DAG)}


def ordered_tasks(dag):
    """The tasks in dependency order; fails unless they form one chain."""
    roots = [t for t in dag.tasks if not t.upstream]
    if len(roots) != 1:
        raise AssertionError("expected one first task, found %s" % [t.task_id for t in roots])
    order = [roots[0]]
    while order[-1].downstream:
        if len(order[-1].downstream) != 1:
            raise AssertionError("task %s has %d downstream tasks, expected a chain"
                                 % (order[-1].task_id, len(order[-1].downstream)))
        order.append(order[-1].downstream[0])
        if len(order) > len(dag.tasks):
            raise AssertionError("cycle in the DAG")
    if len(order) != len(dag.tasks):
        raise AssertionError("tasks outside the chain: %s"
                             % [t.task_id for t in dag.tasks if t not in order])
    return order


def rendered_tasks(dag_id, start, end, conf=None, variables=None):
    """[(task, context)] of a fresh import, templates rendered as a worker would before execute."""
    _, dags = load_dags()
    dag = dags[dag_id]
    out = []
    for task in ordered_tasks(dag):
        context = context_for(dag, task, start, end, conf, variables)
        task.render_template_fields(context)
        out.append((task, context))
    return out


def argv(task, context):
    """The program and arguments a rendered task runs (before the run's --set options)."""
    if isinstance(task, SparkSubmitOperator):
        return task.hook(context).command(task.application)
    kwargs = task.op_kwargs
    return [os.path.join(kwargs["home"], "submit.sh")] + list(kwargs["args"])


# --- checks --------------------------------------------------------------------------------------
START, END = "2024-01-01", "2024-01-08"


class TraceMineDagTest(unittest.TestCase):
    def tasks(self, dag_id="tracemine", conf=None, variables=None):
        return rendered_tasks(dag_id, START, END, conf, variables)

    def test_both_dags_chain_the_stages_and_retry(self):
        _, dags = load_dags()
        self.assertEqual(sorted(dags), DAG_IDS)
        for dag in dags.values():
            self.assertEqual([t.task_id for t in ordered_tasks(dag)], STAGES)
            for task in dag.tasks:
                self.assertEqual(task.retries, 2, task.task_id)
                self.assertEqual(task.retry_delay, dt.timedelta(minutes=5))
                self.assertEqual(task.execution_timeout, dt.timedelta(hours=6))

    def test_spark_submit_of_the_cluster_jar(self):
        got = {t.task_id: argv(t, c) for t, c in self.tasks(variables={
            "tracemine_jar": "hdfs:///jars/tm.jar", "tracemine_output_root": "gs://b/tm"})}
        self.assertEqual(got["ingest"], [
            "spark-submit", "--master", "yarn", "--name", "tracemine-ingest-2024-01-01",
            "--class", "io.tracemine.cli.TraceMine", "hdfs:///jars/tm.jar",
            "ingest", "--profile=cluster", "--output=gs://b/tm/2024-01-01_2024-01-08", "--json",
            "--source=bigquery", "--input=", "--since=2024-01-01", "--until=2024-01-08"])
        self.assertEqual(got["mine"][-4:], [
            "mine", "--profile=cluster", "--output=gs://b/tm/2024-01-01_2024-01-08", "--json"])

    def test_params_win_over_variables_which_win_over_defaults(self):
        variables = {"tracemine_profile": "paper", "tracemine_home": "/opt/tm"}
        default = dict((t.task_id, argv(t, c)) for t, c in self.tasks("tracemine_submit_sh"))
        from_var = dict((t.task_id, argv(t, c))
                        for t, c in self.tasks("tracemine_submit_sh", variables=variables))
        from_param = dict((t.task_id, argv(t, c)) for t, c in self.tasks(
            "tracemine_submit_sh", conf={"profile": "local", "source": "xml",
                                         "input": "/dumps/Posts.xml"}, variables=variables))
        self.assertEqual(default["stats"], ["/opt/tracemine/submit.sh", "stats", "--profile=local",
                                            "--output=/data/tracemine/2024-01-01_2024-01-08",
                                            "--json"])
        self.assertEqual(from_var["stats"][:3], ["/opt/tm/submit.sh", "stats", "--profile=paper"])
        self.assertEqual(from_param["ingest"][2], "--profile=local")
        self.assertIn("--source=xml", from_param["ingest"])
        self.assertIn("--input=/dumps/Posts.xml", from_param["ingest"])

    def test_window_all_drops_the_bounds_but_keeps_the_interval_output(self):
        tasks = dict((t.task_id, argv(t, c)) for t, c in self.tasks(conf={"window": "all"}))
        self.assertEqual(tasks["ingest"][-2:], ["--since=", "--until="])
        self.assertIn("--output=/data/tracemine/2024-01-01_2024-01-08", tasks["ingest"])

    def test_shared_layout_writes_every_interval_into_the_output_root(self):
        later = dict((t.task_id, argv(t, c)) for t, c in rendered_tasks(
            "tracemine_submit_sh", "2024-01-08", "2024-01-15", {"layout": "shared"}, {}))
        first = dict((t.task_id, argv(t, c))
                     for t, c in self.tasks("tracemine_submit_sh", conf={"layout": "shared"}))
        for tasks, (start, end) in [(first, ("2024-01-01", "2024-01-08")),
                                    (later, ("2024-01-08", "2024-01-15"))]:
            for stage in STAGES:
                self.assertIn("--output=/data/tracemine", tasks[stage], stage)
            self.assertEqual(tasks["ingest"][-2:], ["--since=" + start, "--until=" + end])

    def test_params_are_validated_so_nothing_reaches_a_command_unchecked(self):
        bad = [{"profile": "prod"}, {"layout": "per-run"}, {"output_root": "--conf=x"}, {"output_root": "/a b"},
               {"input": "/x\n--y"}, {"window": "week"}, {"settings": ["not a setting"]},
               {"settings": "mine.min-support=3"}, {"source": "hdfs"}]
        for conf in bad:
            with self.subTest(conf=conf), self.assertRaises(ParamValidationError):
                self.tasks(conf=conf)

    def test_settings_become_set_options_at_run_time(self):
        module, _ = load_dags()
        self.assertEqual(module.setting_args({"settings": ["mine.min-support=3", "a.b=x y; rm"]}),
                         ["--set=mine.min-support=3", "--set=a.b=x y; rm"])
        ran = []
        SparkSubmitHook.runner = lambda cmd: ran.append(cmd) or 0
        try:
            task, context = self.tasks(conf={"settings": ["mine.min-support=3"]})[2]
            task.execute(context)
        finally:
            SparkSubmitHook.runner = None
        self.assertEqual(ran[0][-5:], ["mine", "--profile=cluster",
                                       "--output=/data/tracemine/2024-01-01_2024-01-08",
                                       "--json", "--set=mine.min-support=3"])

    def test_exit_codes_2_3_and_52_fail_without_retry_others_retry(self):
        for code, permanent in [(1, False), (2, True), (3, True), (4, False), (50, False),
                                (52, True), (137, False), (143, False)]:
            SparkSubmitHook.runner = lambda cmd, code=code: code
            try:
                task, context = self.tasks()[0]
                with self.subTest(code=code), self.assertRaises(AirflowException) as raised:
                    task.execute(context)
            finally:
                SparkSubmitHook.runner = None
            self.assertEqual(isinstance(raised.exception, AirflowFailException), permanent, code)
            self.assertIn("exited %d" % code if permanent else "Error code is: %d." % code,
                          str(raised.exception))

    def test_submit_sh_exit_codes(self):
        module, _ = load_dags()
        home = tempfile.mkdtemp(prefix="tracemine-dag-")
        script = os.path.join(home, "submit.sh")
        try:
            with open(script, "w") as f:
                f.write("#!/bin/sh\necho '{\"stage\":\"'$1'\"}'\necho \"tracemine: $2\"\n"
                        "exit ${CODE:-0}\n")
            os.chmod(script, 0o755)
            for code, expected in [("0", None), ("1", AirflowException),
                                   ("2", AirflowFailException), ("3", AirflowFailException),
                                   ("52", AirflowFailException), ("143", AirflowException)]:
                os.environ["CODE"] = code
                with self.subTest(code=code):
                    if expected is None:
                        self.assertEqual(module.run_submit_sh(home, ["mine", "$(id)"], "mine",
                                                              {"settings": []}),
                                         {"stage": "mine"})
                        continue
                    with self.assertRaises(expected) as raised:
                        module.run_submit_sh(home, ["mine", "$(id)"], "mine", {"settings": []})
                    self.assertIs(type(raised.exception), expected)
                    self.assertIn("exited %s" % code, str(raised.exception))
                    self.assertIn("tracemine: $(id)", str(raised.exception),
                                  "arguments reach submit.sh verbatim, no shell expands them")
        finally:
            os.environ.pop("CODE", None)
            os.remove(script)
            os.rmdir(home)

    def test_a_task_timeout_ends_the_stage_it_runs(self):
        """Airflow's execution_timeout raises AirflowTaskTimeout from SIGALRM in the task's
        process (the callable), not in submit.sh's; the stage must be signalled, not waited for."""
        import signal

        class TaskTimeout(AirflowException):
            pass

        def alarm(signum, frame):
            raise TaskTimeout("Timeout, PID: %d" % os.getpid())

        module, _ = load_dags()
        home = tempfile.mkdtemp(prefix="tracemine-dag-")
        script = os.path.join(home, "submit.sh")
        with open(script, "w") as f:
            f.write("#!/bin/sh\necho $$ > \"$0.pid\"\n"
                    "trap 'kill $child; echo \"tracemine: $1 interrupted by a signal\"; exit 143'"
                    " TERM\necho '[1/1] mine: started'\nsleep 30 & child=$!\nwait $child\n"
                    "echo 'tracemine: finished after the timeout'\n")
        os.chmod(script, 0o755)
        previous = signal.signal(signal.SIGALRM, alarm)
        logged = []
        handler = logging.Handler()
        handler.emit = lambda record: logged.append(record.getMessage())
        task_log = logging.getLogger("airflow.task")
        task_log.addHandler(handler)
        level = task_log.level
        task_log.setLevel(logging.INFO)
        started = time.monotonic()
        try:
            signal.alarm(2)
            with self.assertRaises(TaskTimeout):
                module.run_submit_sh(home, ["mine"], "mine", {"settings": []})
            elapsed = time.monotonic() - started
            with open(script + ".pid") as f:
                pid = int(f.read())
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
            task_log.removeHandler(handler)
            task_log.setLevel(level)
        self.assertLess(elapsed, 20, "the task waited for the stage to finish on its own")
        with self.assertRaises(ProcessLookupError, msg="submit.sh still runs after the timeout"):
            os.kill(pid, 0)
        self.assertIn("tracemine: mine interrupted by a signal", logged,
                      "the stage's own line about the signal reaches the task log")
        self.assertNotIn("tracemine: finished after the timeout", logged)
        for name in os.listdir(home):
            os.remove(os.path.join(home, name))
        os.rmdir(home)

    def test_model_rejects_what_airflow_rejects(self):
        install_airflow_model()
        with DAG("m", default_args={"retries": 1, "conn_id": "x"}):
            op = SparkSubmitOperator(task_id="t", application="a.jar")
            self.assertEqual(op._conn_id, "x", "default_args reach declared arguments")
            with self.assertRaisesRegex(AirflowException, r"Invalid arguments were passed to "
                                        r"SparkSubmitOperator \(task_id: u\)"):
                SparkSubmitOperator(task_id="u", application_arg=["x"])
            with self.assertRaisesRegex(AirflowException, "missing keyword argument"):
                PythonOperator(task_id="v")
            python = PythonOperator(task_id="w", python_callable=print,
                                    op_kwargs={"a": "{{ ds }}"}, doc_md="{{ nope }}")
            context = {"ds": "2024-01-01"}
            python.render_template_fields(context)
            self.assertEqual(python.op_kwargs, {"a": "2024-01-01"})
            self.assertEqual(python.doc_md, "{{ nope }}",
                             "fields outside template_fields are not rendered")
            broken = PythonOperator(task_id="x", python_callable=print,
                                    op_kwargs={"a": "{{ data_interval_begin }}"})
            with self.assertRaises(jinja2.UndefinedError):
                broken.render_template_fields(context)

    def test_rendered_dates_are_iso(self):
        self.assertEqual(str(utc("2024-01-01")), "2024-01-01T00:00:00+00:00")


def main(argv_):
    if "--print" not in argv_ and "--run" not in argv_:
        return 0 if unittest.main(argv=[argv_[0]], exit=False).result.wasSuccessful() else 1
    parser = argparse.ArgumentParser(description="Render or run the TraceMine DAG's tasks.")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--print", action="store_true")
    mode.add_argument("--run", action="store_true")
    parser.add_argument("--dag", choices=DAG_IDS, required=True)
    parser.add_argument("--start", required=True, help="data_interval_start, YYYY-MM-DD")
    parser.add_argument("--end", required=True, help="data_interval_end, YYYY-MM-DD")
    parser.add_argument("--conf", default="{}", help="the run's conf (params), JSON")
    parser.add_argument("--var", action="append", default=[], help="Airflow Variable KEY=VALUE")
    parser.add_argument("--tasks", nargs="*", help="only these tasks (--run)")
    args = parser.parse_args(argv_[1:])
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    variables = dict(v.split("=", 1) for v in args.var)
    tasks = rendered_tasks(args.dag, args.start, args.end, json.loads(args.conf), variables)
    for task, context in tasks:
        if args.print:
            print(json.dumps({"task_id": task.task_id, "argv": argv(task, context)}), flush=True)
            continue
        if args.tasks and task.task_id not in args.tasks:
            continue
        started = time.monotonic()
        try:
            result = {"task_id": task.task_id, "xcom": task.execute(context)}
        except AirflowException as error:
            result = {"task_id": task.task_id, "error": type(error).__name__ + ": " + str(error)}
        result["seconds"] = round(time.monotonic() - started, 1)
        print(json.dumps(result), flush=True)
        if "error" in result:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
