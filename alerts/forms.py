from django import forms

from .models import Subscription


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Your email address", max_length=254)
    consent = forms.BooleanField(
        label="Email me what I asked for. I can unsubscribe in one click from any message.",
        required=True,
    )

    def clean_email(self):
        # One subscriber per mailbox, however the address was typed.
        return self.cleaned_data["email"].strip().lower()


class ManageForm(forms.Form):
    """The subscriptions a reader keeps (unticked ones are removed), or everything erased."""

    keep = forms.ModelMultipleChoiceField(
        queryset=Subscription.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Keep these subscriptions",
    )
    erase = forms.BooleanField(
        required=False, label="Unsubscribe from everything and erase my address"
    )

    def __init__(self, *args, subscriber, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = subscriber.subscriptions.filter(confirmed_at__isnull=False)
