"""Form widgets of the editors' screens."""

from django.urls import reverse
from taggit.forms import TagWidget


class TagSuggestWidget(TagWidget):
    """taggit's comma-separated tag input, with suggestions of existing tags as one types.

    django-taggit has no admin autocomplete (jazzband/django-taggit#33); a small script
    (admin/tag-suggest.js) fills a <datalist> from the staff-only suggestions view.
    """

    template_name = "admin/briefings/tag_suggest_widget.html"

    class Media:
        js = ["briefings/admin/tag-suggest.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-suggest-url"] = reverse("admin:briefings_tag_suggest")
        context["widget"]["attrs"]["autocomplete"] = "off"
        context["widget"]["datalist_id"] = f"{context['widget']['attrs']['id']}-suggestions"
        context["widget"]["attrs"]["list"] = context["widget"]["datalist_id"]
        return context
