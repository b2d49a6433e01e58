import os
import sys

ydir = sys.argv[1]
with open(os.path.join(ydir, "report.csv"), "a", encoding="utf-8") as f:
    f.write("systems,dossiers;document\n")
