from django import template

register = template.Library()


@register.simple_tag
def percent(value, top) -> str:
    """Width of a CSS bar: value as a whole percentage of top (0–100)."""
    try:
        return str(round(100 * float(value) / float(top))) if top else "0"
    except (TypeError, ValueError):
        return "0"
