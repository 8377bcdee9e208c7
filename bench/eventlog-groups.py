#!/usr/bin/python3
"""Executor CPU (s) and task count per job group/description from a Spark event log.

usage: bench/eventlog-groups.py EVENTLOG [substring-of-description]
Also prints per job group the wall from the first job start to the last job end.
"""
import json, sys, collections

path = sys.argv[1]
flt = sys.argv[2] if len(sys.argv) > 2 else None
stage_job = {}
job_label = {}
job_time = {}
cpu = collections.Counter()
run = collections.Counter()
tasks = collections.Counter()
spill = collections.Counter()
shuffle_w = collections.Counter()
wall = {}
with open(path) as f:
    for line in f:
        try:
            e = json.loads(line)
        except json.JSONDecodeError:
            if line.endswith("\n"):
                raise
            break  # a running application's log: its last line is still being written
        ev = e.get("Event")
        if ev == "SparkListenerJobStart":
            p = e.get("Properties") or {}
            label = (p.get("spark.jobGroup.id") or "-") + " | " + (p.get("spark.job.description") or "-")
            job_label[e["Job ID"]] = label
            for s in e.get("Stage IDs", []):
                stage_job[s] = e["Job ID"]
            job_time[e["Job ID"]] = [e["Submission Time"], None]
        elif ev == "SparkListenerJobEnd":
            job_time[e["Job ID"]][1] = e["Completion Time"]
        elif ev == "SparkListenerTaskEnd":
            m = e.get("Task Metrics") or {}
            job = stage_job.get(e["Stage ID"])
            label = job_label.get(job, "?")
            cpu[label] += m.get("Executor CPU Time", 0)
            run[label] += m.get("Executor Run Time", 0)
            tasks[label] += 1
            spill[label] += m.get("Disk Bytes Spilled", 0)
            sw = m.get("Shuffle Write Metrics") or {}
            shuffle_w[label] += sw.get("Shuffle Bytes Written", 0)
for job, (s, t) in job_time.items():
    label = job_label[job]
    a, b = wall.get(label, (s, t))
    wall[label] = (min(a, s), max(b or 0, t or 0))
print("%10s %10s %7s %10s %10s %9s  %s" % ("cpu_s", "run_s", "tasks", "spill_MB", "shufw_MB", "wall_s", "group | description"))
for label in sorted(cpu, key=lambda k: -cpu[k]):
    if flt and flt not in label:
        continue
    w = wall.get(label)
    print("%10.1f %10.1f %7d %10.1f %10.1f %9.1f  %s" % (cpu[label] / 1e9, run[label] / 1e3, tasks[label],
          spill[label] / 2**20, shuffle_w[label] / 2**20, (w[1] - w[0]) / 1e3 if w else -1, label))
