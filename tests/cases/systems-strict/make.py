import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
rows = [r for r in S.dossier_rows(ydir) if not (r[1] == "KT.KTU.02" and r[4].startswith("2021-0"))]
S.write(ydir, "dossiers.csv", S.DOSSIER_HEADER, rows)
