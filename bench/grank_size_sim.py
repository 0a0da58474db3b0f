#!/usr/bin/python3
"""Size of GRANK (Kolari & Pynnonen 2011) under independence and rho = 0.2 with four treatments
of cross-correlation: none, KP factor on the statistic, KP factor on SCAR* (eventstudy2), and
sqrt(1 - rbar) on SCAR* (ours). Standardized residuals with known variance, N = 30, L1 = 250.
Cited in docs/size-check.md. Run: /usr/bin/python3 bench/grank_size_sim.py"""
import numpy as np
from scipy import stats
from scipy.stats import rankdata
rng=np.random.default_rng(7)
N=30; L1=250; R=2000
def grank(sar, scar, scale):
    # sar: L1 x N, scar: N
    sstar = scar/ scar.std(ddof=1) * scale
    g = np.vstack([sar, sstar[None,:]])
    T = g.shape[0]
    r = np.apply_along_axis(rankdata,0,g)
    U = r/(T+1)-0.5
    ub = U.mean(1)
    S = np.sqrt((ub**2).mean())
    Z = ub[-1]/S
    t = Z*np.sqrt((T-2)/(T-1-Z**2))
    return Z,t,T
for rho in (0.0,0.2):
  for L in (1,3):
    rej={k:0 for k in ("none","kp_stat","kp_scar(es2)","sqrt1-r_scar")}
    for rep in range(R):
        f=rng.standard_normal(L1+L); u=rng.standard_normal((L1+L,N))
        e=np.sqrt(rho)*f[:,None]+np.sqrt(1-rho)*u
        sar=e[:L1]; scar=e[L1:].sum(0)/np.sqrt(L)
        C=np.corrcoef(sar.T); rb=(C.sum()-N)/(N*(N-1))
        kp=np.sqrt((1-rb)/(1+(N-1)*rb))
        crit=stats.t.ppf(.975,L1-1)
        Z,t,T=grank(sar,scar,1.0); rej["none"]+=abs(t)>crit; rej["kp_stat"]+=abs(t*kp)>crit
        Z,t,T=grank(sar,scar,kp); rej["kp_scar(es2)"]+=abs(t)>crit
        Z,t,T=grank(sar,scar,np.sqrt(1-rb)); rej["sqrt1-r_scar"]+=abs(t)>crit
    print(rho,L,{k:v/R for k,v in rej.items()})
