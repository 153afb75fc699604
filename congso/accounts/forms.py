from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """The Wagtail admin's login form, with a translated label on the password field.

    Wagtail redeclares Django's `password` field without a label, so Django derives one from
    the field name ("Password", untranslated) and the Vietnamese login screen showed it in
    English. Used through the WAGTAILADMIN_USER_LOGIN_FORM setting.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
