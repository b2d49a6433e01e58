import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
S.write(ydir, "dossiers.csv", S.DOSSIER_HEADER, S.dossier_rows(ydir))
with open(os.path.join(ydir, "report.csv"), "a", encoding="utf-8") as f:
    f.write("systems, dossiers ;\n")
