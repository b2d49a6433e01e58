import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import systemslib as S  # noqa: E402

ydir = sys.argv[1]
rows = S.dossier_rows(ydir)
bad = [
    ["HS-X1", "KT.STP", "TTHC.001", "truc_tiep", "2021-02-30 08:00:00", "2021-03-10 08:00:00", ""],
    ["HS-X2", "KT.XYZ", "TTHC.001", "truc_tiep", "2021-02-03 08:00:00", "2021-03-10 08:00:00", ""],
    ["HS-X3", "KT.STP", "TTHC.001", "fax", "2021-02-03 08:00:00", "2021-03-10 08:00:00", ""],
    ["", "KT.STP", "TTHC.001", "truc_tiep", "2021-02-03 08:00:00", "2021-03-10 08:00:00", ""],
    ["HS-X5", "KT.STP", "TTHC.001", "truc_tiep", "2021-02-03 08:00:00"],
    ["HS-X6", "KT.STP", "TTHC.001", "truc_tiep", "2021-02-03 08:00:00", "10/03/2021", ""],
    ["HS-X7", "KT.STP", "TTHC.001", "truc_tiep", "2021-02-03 08:00:00", "2021-03-10 08:00:00", "ngày mai"],
]
S.write(ydir, "dossiers.csv", S.DOSSIER_HEADER, rows[:100] + bad + rows[100:])
