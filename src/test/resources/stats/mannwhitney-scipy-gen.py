import numpy as np, scipy
from scipy.stats import mannwhitneyu, norm
rng = np.random.default_rng(20240601)
cases = []
def add(name, x, y):
    cases.append((name, list(map(float, x)), list(map(float, y))))
add("exact_separated_3v3", [1,2,3], [4,5,6])
add("exact_tiny_3v4", [1.5,2.7,3.1], [0.2,4.4,5.0,6.1])
add("exact_one_small_3v20", rng.normal(0,1,3).round(6), rng.normal(0.5,1,20).round(6))
add("exact_8v8", rng.normal(0,1,8).round(6), rng.normal(1,1,8).round(6))
add("exact_1v5", [2.5], [1,2,3,4,5])
add("asymptotic_9v9_no_ties", rng.normal(0,1,9).round(6), rng.normal(1,1,9).round(6))
add("asymptotic_small_with_tie_3v4", [1,2,2], [2,3,4,5])
add("all_tied_3v2", [1,1,1], [1,1])
add("all_tied_40v30", [7]*40, [7]*30)
add("heavy_ties_30v40", rng.integers(0,4,30), rng.integers(0,5,40))
add("heavy_ties_counts_500v700", rng.poisson(1.0,500), rng.poisson(1.3,700))
add("views_like_400v900", rng.lognormal(5.8,1.2,400).round(0), rng.lognormal(5.5,1.2,900).round(0))
add("words_like_1000v3000", rng.negative_binomial(5,0.06,1000), rng.negative_binomial(5,0.055,3000))
add("identical_distribution_50v60", rng.normal(0,1,50).round(3), rng.normal(0,1,60).round(3))
add("x_larger_than_all_12v15", rng.normal(10,1,12).round(6), rng.normal(0,1,15).round(6))
with open("mannwhitney-scipy.csv","w") as f:
    f.write("# scipy.stats.mannwhitneyu(x, y) defaults, SciPy %s (Debian python3-scipy), numpy %s\n" % (scipy.__version__, np.__version__))
    f.write("# case;x values space-separated;y values;U1 (SciPy's statistic for x);p (repr)\n")
    for name,x,y in cases:
        r = mannwhitneyu(x,y)
        f.write("%s;%s;%s;%r;%r\n" % (name, " ".join(repr(v) for v in x), " ".join(repr(v) for v in y), float(r.statistic), float(r.pvalue)))
        print(name, len(x), len(y), r.statistic, r.pvalue)
for a in [(33,100,39,100),(5436*33//100,5436,13000,34254),(0,10,0,12),(1,2,1,3),(45,60,20,60)]:
    x1,n1,x2,n2=a
    p1,p2=x1/n1,x2/n2; p=(x1+x2)/(n1+n2); se=np.sqrt(p*(1-p)*(1/n1+1/n2))
    z=(p1-p2)/se if se>0 else float('nan'); print("prop",a,repr(z),repr(2*norm.sf(abs(z))))
