#!/usr/bin/python3
"""more-communes.py YEAR-FOLDER - adds 1,200 communes of Huyện Sa Thầy to
units.csv, none of which sends a report."""
import os
import sys

with open(os.path.join(sys.argv[1], "units.csv"), "a", encoding="utf-8") as f:
    for i in range(1, 1201):
        f.write("KT.STH.N%04d,Xã mới số %d,xa,KT.STH\n" % (i, i))
