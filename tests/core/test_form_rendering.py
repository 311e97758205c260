"""Every form's labels and hints reach the page as text, never as markup.

crispy-forms-gds prints labels and hints with |safe; the project's form renderer escapes them
once for every form, so text a person typed (an outcome, a child's name) cannot run as HTML.
"""

from django import forms
from django.template import Context, Template
from django.utils.html import format_html

PAGE = Template(
    "{% load crispy_forms_tags %}{{ form.typed|as_crispy_field }}{{ form.built|as_crispy_field }}"
)


class TypedTextForm(forms.Form):
    typed = forms.CharField(label="<script>alert(1)</script>", help_text="<b>hint</b>")
    built = forms.BooleanField(label=format_html("<strong>{}</strong>", "<i>name</i>"))


def test_typed_text_in_labels_and_hints_is_escaped():
    html = PAGE.render(Context({"form": TypedTextForm()}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>hint</b>" not in html and "&lt;b&gt;hint&lt;/b&gt;" in html


def test_labels_built_with_format_html_keep_their_markup_and_escape_their_values():
    html = PAGE.render(Context({"form": TypedTextForm()}))
    assert "<strong>&lt;i&gt;name&lt;/i&gt;</strong>" in html
