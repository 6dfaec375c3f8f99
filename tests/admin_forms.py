"""What a browser would submit: the fields of a form on a rendered page, as POST data.

Tests change a value or two and post the rest as loaded, exactly as an editor does, so a
crafted POST is a real form with a few values changed.
"""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.depth = 0  # > 0 inside the wanted form
        self.data: dict[str, list[str]] = {}
        self.select = None  # (name, multiple, options seen, selected seen)
        self.option_value = None
        self.textarea = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if self.depth or attrs.get("id") == self.form_id:
                self.depth += 1
            return
        if not self.depth:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
                return
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []
        elif tag == "select" and name:
            self.select = {
                "name": name,
                "multiple": "multiple" in attrs,
                "first": None,
                "any": False,
            }
        elif tag == "option" and self.select is not None:
            value = attrs.get("value")
            self.option_value = value
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["any"] = True
                self.data.setdefault(self.select["name"], []).append(value or "")

    def handle_endtag(self, tag):
        if tag == "form" and self.depth:
            self.depth -= 1
        elif tag == "textarea" and self.textarea:
            text = "".join(self.text)
            self.data.setdefault(self.textarea, []).append(text.removeprefix("\n"))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            select = self.select
            if not select["any"] and not select["multiple"] and select["first"] is not None:
                self.data.setdefault(select["name"], []).append(select["first"])
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)


def form_data(response, form_id: str) -> dict:
    """The POST data of the form ``form_id`` on the page, as Django's test client takes it."""
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    if not parser.data:
        raise AssertionError(f"no form #{form_id} with fields on the page")
    return {name: values if len(values) > 1 else values[0] for name, values in parser.data.items()}
