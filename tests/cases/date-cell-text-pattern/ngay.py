#!/usr/bin/python3
"""ngay.py YEAR-FOLDER - a workbook with a date typed where a text of the
pattern dd/mm/yyyy is due: once as the spreadsheet makes it (a date cell),
once as text."""
import datetime
import os
import sys

import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "BaoCao"
ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
ws.append(["KT.STP", "x.ngay_ke_hoach", datetime.date(2021, 3, 12)])
ws.cell(row=2, column=3).number_format = "dd/mm/yyyy"
ws.append(["KT.STTTT", "x.ngay_ke_hoach", "12/03/2021"])
wb.save(os.path.join(sys.argv[1], "submissions", "zz-ngay.xlsx"))
