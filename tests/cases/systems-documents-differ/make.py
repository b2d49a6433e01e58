import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
rows = S.document_rows(ydir)
S.write(ydir, "documents.csv", S.DOCUMENT_HEADER, rows[10:], gz=True)
