#!/usr/bin/python3
"""ty-le.py YEAR-FOLDER - a workbook of percentages as a spreadsheet keeps
them: a fraction in a Percent cell (0,956 shown as 95,6%), one above 100 %
(1,5 shown as 150%), and a percentage typed into a cell formatted as a
date (46 shown as 15/02/1900)."""
import os
import sys

import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "BaoCao"
ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Giá trị"])
ws.append(["KT.STP", "tl.may_tinh_bc", 0.956])
ws.cell(row=2, column=3).number_format = "0.0%"
ws.append(["KT.SGDDT", "tl.may_tinh_bc", 1.5])
ws.cell(row=3, column=3).number_format = "0%"
ws.append(["KT.STTTT", "tl.may_tinh_bc", 46])
ws.cell(row=4, column=3).number_format = "dd/mm/yyyy"
wb.save(os.path.join(sys.argv[1], "submissions", "zz-ty-le.xlsx"))
