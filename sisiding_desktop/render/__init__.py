"""Drawing a report layout: to xlsx (openpyxl), to PDF (reportlab), to a printer (Qt)."""
