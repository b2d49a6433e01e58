import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
rows = S.dossier_rows(ydir)
gone = [i for i, r in enumerate(rows)
        if r[1] == "KT.STH" and r[3] in ("truc_tiep", "buu_chinh") and r[6] and r[6] < r[5]][:3]
rows = [r for i, r in enumerate(rows) if i not in gone]
S.write(ydir, "dossiers.csv", S.DOSSIER_HEADER, rows)
