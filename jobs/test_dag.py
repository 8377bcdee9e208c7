"""Checks jobs/tracemine_dag.py without Airflow: stubs just enough of the ``airflow`` package to import
the DAG, then asserts its shape and the exact shell commands it issues.

    /usr/bin/python3 jobs/test_dag.py                  # run the checks (unittest)
    /usr/bin/python3 jobs/test_dag.py --print --ds 2024-01-07 --profile local \
        [--home DIR] [--output-root DIR] [--spark-args ARGS] [--extra-args ARGS]
                                                       # print "task_id<TAB>command", in task order

Templates are rendered like Airflow renders ``{{ ds }}`` and ``{{ params.x }}``; any other template
expression is an error here, which keeps the DAG's templates trivially checkable.
"""
import argparse
import importlib.util
import os
import py_compile
import re
import sys
import types
import unittest

DAG_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tracemine_dag.py")
STAGES = ["ingest", "extract", "mine", "stats", "report"]


# --- airflow stubs -------------------------------------------------------------------------------
class StubDag:
    current = None

    def __init__(self, dag_id, default_args=None, params=None, **kwargs):
        self.dag_id = dag_id
        self.default_args = dict(default_args or {})
        self.params = dict(params or {})
        self.kwargs = kwargs
        self.tasks = []

    def __enter__(self):
        StubDag.current = self
        return self

    def __exit__(self, *exc):
        StubDag.current = None
        return False


class StubParam:
    def __init__(self, default=None, **schema):
        self.value = default
        self.schema = schema


class StubBashOperator:
    def __init__(self, task_id, bash_command, **kwargs):
        dag = kwargs.pop("dag", None) or StubDag.current
        if dag is None:
            raise AssertionError("task %r created outside a DAG" % task_id)
        self.task_id = task_id
        self.bash_command = bash_command
        self.args = {**dag.default_args, **kwargs}
        self.upstream = []
        self.downstream = []
        dag.tasks.append(self)

    def __rshift__(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            self.downstream.append(task)
            task.upstream.append(self)
        return other


def install_stubs():
    modules = {name: types.ModuleType(name) for name in
               ["airflow", "airflow.models", "airflow.models.param", "airflow.operators",
                "airflow.operators.bash"]}
    modules["airflow"].DAG = StubDag
    modules["airflow.models.param"].Param = StubParam
    modules["airflow.operators.bash"].BashOperator = StubBashOperator
    sys.modules.update(modules)


def load_dag():
    """Imports the DAG file with the stubs and returns its only DAG."""
    install_stubs()
    spec = importlib.util.spec_from_file_location("tracemine_dag", DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dags = [v for v in vars(module).values() if isinstance(v, StubDag)]
    if len(dags) != 1:
        raise AssertionError("expected exactly one DAG in %s, found %d" % (DAG_FILE, len(dags)))
    return dags[0]


# --- rendering -----------------------------------------------------------------------------------
TEMPLATE = re.compile(r"{{\s*([A-Za-z_][\w.]*)\s*}}")


def render(template, ds, params):
    """Renders ``{{ ds }}`` and ``{{ params.NAME }}``; fails on anything else."""
    def value(match):
        name = match.group(1)
        if name == "ds":
            return ds
        if name.startswith("params.") and name[len("params."):] in params:
            return str(params[name[len("params."):]])
        raise KeyError("Cannot render {{ %s }}: only ds and params.%s are known"
                       % (name, "|".join(sorted(params))))
    rendered = TEMPLATE.sub(value, template)
    if "{{" in rendered or "{%" in rendered:
        raise ValueError("Cannot render %r: unsupported template syntax left in %r" % (template, rendered))
    return rendered


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


def commands(ds, **overrides):
    """[(task_id, shell command)] the DAG issues for logical date ``ds`` (params: defaults < overrides),
    with runs of blanks squeezed to one (the shell sees the same words)."""
    dag = load_dag()
    params = {name: p.value for name, p in dag.params.items()}
    unknown = set(overrides) - set(params)
    if unknown:
        raise KeyError("Unknown DAG params %s (known: %s)" % (sorted(unknown), sorted(params)))
    params.update({k: v for k, v in overrides.items() if v is not None})
    return [(t.task_id, " ".join(render(t.bash_command, ds, params).split()))
            for t in ordered_tasks(dag)]


# --- checks --------------------------------------------------------------------------------------
class TraceMineDagTest(unittest.TestCase):
    def test_is_valid_python(self):
        py_compile.compile(DAG_FILE, doraise=True)

    def test_tasks_form_the_stage_chain(self):
        self.assertEqual([t.task_id for t in ordered_tasks(load_dag())], STAGES)

    def test_every_task_retries(self):
        for task in load_dag().tasks:
            self.assertGreaterEqual(task.args.get("retries", 0), 1, task.task_id)
            self.assertIn("retry_delay", task.args, task.task_id)

    def test_params_have_defaults(self):
        dag = load_dag()
        self.assertEqual(sorted(dag.params),
                         ["extra_args", "home", "output_root", "profile", "spark_args"])
        self.assertEqual(dag.params["profile"].schema["enum"], ["local", "cluster", "paper"])
        self.assertIn(dag.params["profile"].value, ["local", "cluster", "paper"])

    def test_exact_commands(self):
        got = commands("2024-01-07", profile="paper", home="/opt/tm", output_root="/data/out",
                       spark_args="--master yarn", extra_args="--set mine.examples=3")
        self.assertEqual(got, [
            (stage, "cd /opt/tm && ./submit.sh --master yarn %s --profile paper"
                    ' --output "/data/out/2024-01-07" --json --set mine.examples=3' % stage)
            for stage in STAGES])

    def test_defaults_render_without_optional_args(self):
        got = dict(commands("2024-02-04", home="/h", output_root="/o", profile="local", spark_args=""))
        self.assertEqual(got["mine"], 'cd /h && ./submit.sh mine --profile local --output "/o/2024-02-04" --json')

    def test_render_rejects_unknown_templates(self):
        with self.assertRaisesRegex(KeyError, r"Cannot render \{\{ run_id \}\}"):
            render("x {{ run_id }}", "2024-01-01", {})
        with self.assertRaisesRegex(ValueError, "unsupported template syntax"):
            render("{% if x %}y{% endif %}", "2024-01-01", {})


def main(argv):
    if "--print" not in argv:
        return 0 if unittest.main(argv=[argv[0]], exit=False).result.wasSuccessful() else 1
    parser = argparse.ArgumentParser(description="Print the commands the TraceMine DAG issues.")
    parser.add_argument("--print", action="store_true", required=True)
    parser.add_argument("--ds", required=True, help="logical date, YYYY-MM-DD")
    parser.add_argument("--profile")
    parser.add_argument("--home")
    parser.add_argument("--output-root", dest="output_root")
    parser.add_argument("--spark-args", dest="spark_args")
    parser.add_argument("--extra-args", dest="extra_args")
    args = vars(parser.parse_args(argv[1:]))
    ds = args.pop("ds")
    args.pop("print")
    for task_id, command in commands(ds, **args):
        print("%s\t%s" % (task_id, command))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
