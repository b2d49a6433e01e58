import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
rows = S.dossier_rows(ydir)
n = 0
for r in rows:
    if r[1] == "KT.DHA.01" and r[6] and r[6] < r[5] and r[4].startswith("2021") and n < 2:
        r[6] = r[5][:4] + "-12-31 16:00:00"
        n += 1
S.write(ydir, "dossiers.csv", S.DOSSIER_HEADER, rows)
