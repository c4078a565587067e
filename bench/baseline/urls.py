"""The baseline wizard: a plain SessionWizardView over crispy forms like the app's questions."""

from crispy_forms.helper import FormHelper
from django import forms
from django.http import HttpResponse
from django.urls import path
from formtools.wizard.views import SessionWizardView

from orgdesign.rules import CHOICES


class CrispyForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CompanyForm(CrispyForm):
    stage = forms.ChoiceField(choices=CHOICES["stage"], widget=forms.RadioSelect)
    industry = forms.ChoiceField(choices=[("", "Choose an industry"), *CHOICES["industry"]])


class OperationsForm(CrispyForm):
    regulated = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect)
    internal_app_dev = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect
    )
    internal_it = forms.ChoiceField(choices=CHOICES["internal_it"], widget=forms.RadioSelect)
    single_leader = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect
    )


class LeadershipForm(CrispyForm):
    current_leadership = forms.ChoiceField(
        choices=CHOICES["current_leadership"], widget=forms.RadioSelect
    )


class Wizard(SessionWizardView):
    form_list = [("company", CompanyForm), ("operations", OperationsForm), ("lead", LeadershipForm)]
    template_name = "baseline/step.html"

    def done(self, form_list, **kwargs):
        return HttpResponse("done")


urlpatterns = [path("wizard/", Wizard.as_view())]
