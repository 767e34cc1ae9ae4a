from __future__ import annotations

from django import forms

from .services import ALLOWED_SUFFIXES, ALLOWED_TEXT, MAX_FILES, MAX_PASTE_CHARS, MAX_UPLOAD_BYTES


class _ManyFilesInput(forms.FileInput):
    allow_multiple_selected = True


class _ManyFilesField(forms.FileField):
    """Several files in one input; type, size and content are checked by the service, file by file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_empty_file", True)  # the service says which file was empty; the others go on
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(_ManyFilesField, self).clean(item, initial) for item in items]


class UploadForm(forms.Form):
    title = forms.CharField(
        label="标题",
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control", "data-testid": "title", "placeholder": "可不填：默认取正文第一行"}
        ),
    )
    text = forms.CharField(
        label="粘贴新闻或公告全文",
        required=False,
        max_length=MAX_PASTE_CHARS,
        strip=True,
        widget=forms.Textarea(
            attrs={
                "class": "form-control",
                "rows": 10,
                "data-testid": "paste",
                "placeholder": "把新闻、公众号文章或上市公司公告的全文粘贴在这里",
            }
        ),
        error_messages={
            "max_length": f"粘贴的文字超过 {MAX_PASTE_CHARS:,} 个字符，请保存为 .txt 文件后上传。"
        },
    )
    files = _ManyFilesField(
        label="或上传文件",
        required=False,
        widget=_ManyFilesInput(
            attrs={"class": "form-control", "accept": ",".join(ALLOWED_SUFFIXES), "data-testid": "files"}
        ),
        help_text=f"可多选，最多 {MAX_FILES} 个；{ALLOWED_TEXT}，单个不超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB；"
        "支持 UTF-8、GBK/GB18030、Big5 编码，繁体和带拼音注音的文字会自动转换",
    )

    def clean(self):
        data = super().clean()
        if not data.get("text") and not data.get("files") and not self.errors:
            raise forms.ValidationError("请粘贴文字或选择要上传的文件。")
        return data


class AcceptForm(forms.Form):
    """The officer's corrections before a project becomes a lead."""

    firm_name = forms.CharField(
        label="企业名称",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    amount_wan = forms.DecimalField(
        label="拟投资额（万元）",
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=4,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "any"}),
    )
    unit = forms.ModelChoiceField(
        label="线索归属单位",
        queryset=None,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="忽略原因",
        max_length=300,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-sm", "placeholder": "可不填，如：不是投资项目"}
        ),
    )
