import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
rows = [[re.sub(r"^(\d{4}-\d\d-\d\d \d\d:\d\d):\d\d$", r"\1", f) for f in r]
        for r in S.dossier_rows(ydir)]
S.write(ydir, "dossiers.csv", S.DOSSIER_HEADER, rows)
