import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
# A second download of the export, saved by the browser under another name;
# a units' count that differs from it would go unnoticed
S.write(ydir, "dossiers (1).csv", S.DOSSIER_HEADER, S.dossier_rows(ydir))
S.write(ydir, "documents.csv", S.DOCUMENT_HEADER, S.document_rows(ydir))
# a spreadsheet's lock file and a hidden file: nobody's export, nothing said
open(os.path.join(ydir, "systems", ".~lock.documents.csv#"), "w").write("x\n")
open(os.path.join(ydir, "systems", ".DS_Store"), "w").write("x\n")
