import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
rows = S.dossier_rows(ydir)
S.write(ydir, "dossiers.csv", S.DOSSIER_HEADER, rows)
S.write(ydir, "dossiers.csv", S.DOSSIER_HEADER, rows, gz=True)
