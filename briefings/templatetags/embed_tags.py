"""The live widget's copy-paste snippet, for the briefing page and the admin."""

from django import template

from .. import embed

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_snippet(context, briefing):
    """``{% embed_snippet briefing as code %}``: the iframe and loader HTML for a partner."""
    return embed.snippet(briefing, context.get("request"))
