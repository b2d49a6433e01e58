#!/usr/bin/python3
"""phan-tram.py YEAR-FOLDER - a workbook whose count cell is formatted as a
percentage (0,46 shown as 46%), and a CSV with '46%' typed for a count."""
import os
import sys

import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "BaoCao"
ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
ws.append(["KT.STP", "nl.cb_cntt", 0.46])
ws.cell(row=2, column=3).number_format = "0%"
wb.save(os.path.join(sys.argv[1], "submissions", "zz-phan-tram.xlsx"))
with open(os.path.join(sys.argv[1], "submissions", "zz-typed.csv"), "w", encoding="utf-8") as f:
    f.write("Mã đơn vị,Mã chỉ tiêu,Giá trị\nKT.SGDDT,nl.cb_cntt,46%\n")
