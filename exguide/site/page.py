"""A page to be written: its URL, template and the context its template sees."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from exguide.site.urls import output_path


@dataclass
class Page:
    url: str
    template: str
    title: str
    context: dict = field(default_factory=dict)
    kind: str = ""
    description: str = ""
    source_path: str = ""  # the content file a page is made from, for link errors

    @cached_property  # asked for many times per build; pages never change once made
    def output_path(self) -> str:
        return output_path(self.url)
