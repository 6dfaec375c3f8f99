"""Cursor pagination: pages that stay put while updates are published.

A page number shifts when a new update arrives on page 1; a cursor is a position in the
ordering (an opaque token in ``next`` and ``previous``), so a client walking back through
an archive neither skips nor repeats an update. No COUNT query either: the cost of a page
does not grow with the table.
"""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    page_size = 30
    page_size_query_param = "page_size"
    max_page_size = 100
    page_size_query_description = "How many results a page holds (at most 100)."
    cursor_query_description = "The `next` or `previous` cursor of another page."

    def get_paginated_response_schema(self, schema):
        # DRF writes "nullable": true, which OpenAPI 3.1 dropped for JSON Schema's own
        # ["string", "null"]: a 3.1 validator would reject every last page's "next": null.
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }
