from __future__ import annotations

from django import forms


class UploadForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）", error_messages={"required": "请选择要上传的 .xlsx 文件"},
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError("只支持 .xlsx 文件：.xls、.csv 请先在 Excel 中“另存为” .xlsx")
        return upload
