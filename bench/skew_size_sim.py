#!/usr/bin/python3
"""Size of skew_adj_t (Hall 1992 transform) with N(0,1) vs t(N-1) critical values, on the
cross-section of the size-check design (N = 30, sigma_i = 0.01 + 0.02 i/29; L = 1 and 3 days).
Cited in docs/size-check.md. Run: /usr/bin/python3 bench/skew_size_sim.py"""
import numpy as np
from scipy import stats
rng=np.random.default_rng(1)
N=30; R=40000
sig=0.01+0.02*np.arange(N)/29
for L in (1,3):
  x=rng.standard_normal((R,N))*sig*np.sqrt(L)
  m=x.mean(1); s=x.std(1,ddof=1); S=m/s
  g=((x-m[:,None])**3).sum(1)/(N*s**3)
  gb=N/((N-1)*(N-2))*((x-m[:,None])**3).sum(1)/s**3
  for name,gg in (("lbt",g),("bias",gb)):
    t=np.sqrt(N)*(S+gg*S**2/3+gg**2*S**3/27+gg/(6*N))
    tj=np.sqrt(N)*(S+gg*S**2/3+gg/(6*N))
    print(L,name,"hall N:",np.mean(np.abs(t)>1.96),"hall t29:",np.mean(np.abs(t)>stats.t.ppf(.975,N-1)),"johnson N", np.mean(np.abs(tj)>1.96))
  tt=np.sqrt(N)*S
  print(L,"plain t N",np.mean(np.abs(tt)>1.96),"t29",np.mean(np.abs(tt)>stats.t.ppf(.975,N-1)))
