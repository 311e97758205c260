"""Forms render their labels and hints as text, whatever the template does with them.

crispy-forms-gds prints a field's label and hint with `|safe` (so a designer may put markup in
them). Anything typed by a person that reaches a label (an outcome's wording, a child's name)
would then run as HTML. Escaping here, once for every form, closes that for good: plain strings
are escaped; labels built with `format_html` are already safe and pass through unchanged.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape


class EscapedBoundField(BoundField):
    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        self.label = conditional_escape(self.label)
        self.help_text = conditional_escape(self.help_text)


class FormRenderer(DjangoTemplates):
    bound_field_class = EscapedBoundField
