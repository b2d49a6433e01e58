import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
rows = [r[:5] + r[6:] for r in S.dossier_rows(ydir)]
S.write(ydir, "dossiers.csv", [c for c in S.DOSSIER_HEADER if c != "due_at"], rows)
