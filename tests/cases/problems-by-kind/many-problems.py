#!/usr/bin/python3
"""many-problems.py YEAR-FOLDER - a department's extra file of 420 rows
naming indicators that are not in the catalogue, and a district's with 30
values that are no numbers: more problems than the appendix lists."""
import os
import sys

sub = os.path.join(sys.argv[1], "submissions")
with open(os.path.join(sub, "stp-phu-luc.csv"), "w", encoding="utf-8") as f:
    f.write("Mã đơn vị,Mã chỉ tiêu,Giá trị\n")
    for i in range(1, 421):
        f.write("KT.STP,xx.chi_tieu_%03d,%d\n" % (i, i))

# and a district with more computers than staff: a rule's problem, which
# problems.csv does not word, shown by its message
path = os.path.join(sub, "DakHa-2021.csv")
with open(path, encoding="utf-8") as f:
    text = f.read()
text = text.replace("KT.DHA;Số CBCC được trang bị máy tính;ht.cbcc_may_tinh;Người;90;",
                    "KT.DHA;Số CBCC được trang bị máy tính;ht.cbcc_may_tinh;Người;190;")
with open(path, "w", encoding="utf-8") as f:
    f.write(text)
