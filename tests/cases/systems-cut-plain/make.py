import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
path = S.write(ydir, "dossiers.csv", S.DOSSIER_HEADER, S.dossier_rows(ydir))
S.write(ydir, "documents.csv", S.DOCUMENT_HEADER, S.document_rows(ydir))
# A copy that stopped half way, in the middle of a row (`truncate -s`)
data = open(path, "rb").read()
at = len(data) // 2
assert data[at - 1:at] != b"\n"
open(path, "wb").write(data[:at])
