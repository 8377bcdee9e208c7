#!/usr/bin/python3
"""CPU seconds per thread kind of a running Spark JVM, sampled from /proc (Linux).

usage: bench/thread-cpu.py ROOT_PID OUT_FILE RESULT.json
Finds the java process running SparkSubmit under ROOT_PID (e.g. the shell that starts submit.sh),
samples /proc/PID/task/*/stat every 0.5 s until it exits, and writes the CPU (user + system) of its
threads by kind (task threads, C2, C1, GC + VM thread, other) at the end and from the moment
OUT_FILE (the benchmark's stdout) first holds the pure step's line: the mine stage's share.
PERFORMANCE.md, run 14.
"""
import json, os, sys, time

root, outf, res = int(sys.argv[1]), sys.argv[2], sys.argv[3]
tck = os.sysconf('SC_CLK_TCK')


def children():
    kids = {}
    for p in os.listdir('/proc'):
        if p.isdigit():
            try:
                st = open(f'/proc/{p}/stat').read()
                kids.setdefault(int(st[st.rfind(')') + 2:].split()[1]), []).append(int(p))
            except OSError:
                pass
    return kids


def find_java():
    kids, stack = children(), [root]
    while stack:
        for c in kids.get(stack.pop(), []):
            try:
                if 'SparkSubmit' in open(f'/proc/{c}/cmdline').read():
                    return c
            except OSError:
                pass
            stack.append(c)
    return None


def kind(name):
    for prefix, k in (('C2 Compiler', 'C2'), ('C1 Compiler', 'C1'), ('GC Thread', 'GC+VM'),
                      ('VM Thread', 'GC+VM'), ('Executor task', 'tasks')):
        if name.startswith(prefix):
            return k
    return 'other'


pid = None
while pid is None:
    pid = find_java()
    time.sleep(0.3)
threads, at_pure = {}, None


def totals():
    t = {}
    for name, cpu in threads.values():
        t[kind(name)] = t.get(kind(name), 0) + cpu
    return {k: round(v, 1) for k, v in sorted(t.items())}


while os.path.exists(f'/proc/{pid}'):
    try:
        for tid in os.listdir(f'/proc/{pid}/task'):
            try:
                st = open(f'/proc/{pid}/task/{tid}/stat').read()
                f = st[st.rfind(')') + 2:].split()
                threads[int(tid)] = (st[st.find('(') + 1:st.rfind(')')], (int(f[11]) + int(f[12])) / tck)
            except OSError:
                pass
    except OSError:
        break
    if at_pure is None:
        try:
            if 'pure CcSpan' in open(outf).read():
                at_pure = totals()
        except OSError:
            pass
    time.sleep(0.5)
end = totals()
stage = {k: round(v - (at_pure or {}).get(k, 0), 1) for k, v in end.items()}
json.dump({'at_pure_end': at_pure, 'end': end, 'after_pure': stage}, open(res, 'w'))
print('after the pure step:', stage)
