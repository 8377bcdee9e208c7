# Generates questions-small.csv (a hand-built QUESTIONS table) and rq1-expected.csv (every cell of
# Tables 1-4 that the stats stage must produce), with NumPy medians and SciPy's mannwhitneyu.
# Run with Debian's /usr/bin/python3 (SciPy 1.10.1, NumPy 1.24.2).
import numpy as np, scipy
from scipy.stats import mannwhitneyu, norm
rng = np.random.default_rng(7)
rows = []
def q(qid, lib):
    has_code = bool(rng.random() < 0.8)
    has_trace = has_code and bool(rng.random() < 0.45)
    ans = None if rng.random() < 0.05 else int(rng.integers(0, 4))
    first = None if not ans else (None if rng.random() < 0.1 else float(round(rng.exponential(5.0), 4)))
    acc = bool(ans and rng.random() < 0.5)
    acch = float(round(rng.exponential(4.0), 4)) if acc and rng.random() < 0.9 else None
    return dict(question_id=qid, library=lib, word_count=int(rng.integers(20, 60)) - (8 if has_trace else 0),
        has_code=has_code, code_lines=int(rng.integers(0, 30)) if has_code else 0,
        trace_code_lines=int(rng.integers(10, 40)) if has_trace else 0, has_trace=has_trace,
        os=str(rng.choice(["unix", "windows", "mixed"])) if has_trace else "none",
        score=None if rng.random() < 0.05 else int(rng.integers(-1, 4)),
        views=int(rng.integers(50, 900)) + (200 if has_trace else 0),
        comments=int(rng.integers(0, 4)), answer_count=ans,
        hours_to_first_answer=first, hours_to_accepted_answer=acch, has_accepted_answer=acc)
for i in range(1, 41): rows.append(q(i, "keras"))
for i in range(31, 91): rows.append(q(i, "tensorflow"))
# a question tagged with both libraries has the same facts in both rows
for r in rows:
    if r["library"] == "tensorflow" and r["question_id"] <= 40:
        twin = next(x for x in rows if x["library"] == "keras" and x["question_id"] == r["question_id"])
        r.update({k: v for k, v in twin.items() if k != "library"})
cols = list(rows[0].keys())
with open("questions-small.csv", "w") as f:
    f.write(",".join(cols) + "\n")
    for r in rows:
        f.write(",".join("" if r[c] is None else str(r[c]).lower() if isinstance(r[c], bool) else str(r[c]) for c in cols) + "\n")
out = []
def put(t, lib, col, v): out.append("%s;%s;%s;%s" % (t, lib, col, "null" if v is None else repr(v) if not isinstance(v, str) else v))
def mark(p):
    return "n/a" if p is None else "***" if p < .001 else "**" if p < .01 else "*" if p < .05 else "o"
def compare(t, lib, prefix, qs, g1, g2, val):
    x = [float(val(r)) for r in qs if g1(r) and val(r) is not None]
    y = [float(val(r)) for r in qs if g2(r) and val(r) is not None]
    put(t, lib, prefix + "_n_trace", len(x)); put(t, lib, prefix + "_n_no_trace", len(y))
    put(t, lib, prefix + "_median_trace", float(np.median(x)) if x else None)
    put(t, lib, prefix + "_median_no_trace", float(np.median(y)) if y else None)
    if x and y:
        res = mannwhitneyu(x, y)
        put(t, lib, prefix + "_u", float(res.statistic)); put(t, lib, prefix + "_p", float(res.pvalue))
        put(t, lib, prefix + "_mark", mark(res.pvalue))
groups = {"keras": [r for r in rows if r["library"] == "keras"], "tensorflow": [r for r in rows if r["library"] == "tensorflow"]}
seen = {}
for r in rows: seen.setdefault(r["question_id"], r)
groups["all"] = list(seen.values())
for lib, qs in groups.items():
    n = len(qs); code = sum(r["has_code"] for r in qs); tr = [r for r in qs if r["has_trace"]]
    put("table1_population", lib, "questions", n); put("table1_population", lib, "with_code", code)
    put("table1_population", lib, "with_code_pct", 100.0 * code / n)
    put("table1_population", lib, "with_trace", len(tr)); put("table1_population", lib, "with_trace_pct", 100.0 * len(tr) / n)
    for os_ in ["unix", "windows", "mixed", "none"]:
        c = sum(r["os"] == os_ for r in tr); put("table1_population", lib, "os_" + os_, c)
        put("table1_population", lib, "os_" + os_ + "_pct", 100.0 * c / len(tr))
    T = lambda r: r["has_trace"]; NT = lambda r: not r["has_trace"]
    compare("table2_lengths", lib, "words", qs, T, NT, lambda r: r["word_count"])
    compare("table2_lengths", lib, "code_lines", qs, T, lambda r: r["has_code"] and not r["has_trace"],
            lambda r: r["trace_code_lines"] if r["has_trace"] else r["code_lines"])
    CT = lambda r: r["has_code"] and r["has_trace"]; CNT = lambda r: r["has_code"] and not r["has_trace"]
    for prefix, key in [("score", "score"), ("comments", "comments"), ("views", "views"), ("answers", "answer_count")]:
        compare("table3_popularity", lib, prefix, qs, CT, CNT, lambda r, k=key: r[k])
    A = lambda r: r["answer_count"] is not None and r["answer_count"] > 0
    # Table 4 has Table 3's groups: questions without a code block are in neither (STUDY.md section 4)
    compare("table4_answers", lib, "first_answer_hours", qs, lambda r: A(r) and CT(r), lambda r: A(r) and CNT(r), lambda r: r["hours_to_first_answer"])
    compare("table4_answers", lib, "accepted_answer_hours", qs, lambda r: A(r) and CT(r), lambda r: A(r) and CNT(r), lambda r: r["hours_to_accepted_answer"])
    x1 = sum(r["has_accepted_answer"] for r in qs if CT(r)); n1 = sum(1 for r in qs if CT(r))
    x2 = sum(r["has_accepted_answer"] for r in qs if CNT(r)); n2 = sum(1 for r in qs if CNT(r))
    p1, p2, p = x1 / n1, x2 / n2, (x1 + x2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2)); pv = 2 * norm.sf(abs(z))
    for c, v in [("accepted_trace", x1), ("questions_trace", n1), ("accepted_ratio_trace", p1), ("accepted_no_trace", x2),
                 ("questions_no_trace", n2), ("accepted_ratio_no_trace", p2), ("accepted_z", float(z)), ("accepted_p", float(pv)),
                 ("accepted_mark", mark(pv))]:
        put("table4_answers", lib, c, v)
with open("rq1-expected.csv", "w") as f:
    f.write("# table;library;column;value - SciPy %s, NumPy %s (rq1-gen.py)\n" % (scipy.__version__, np.__version__))
    f.write("\n".join(out) + "\n")
print(len(rows), len(out))
