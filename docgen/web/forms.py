"""The single-document form: which fields it shows, and its values as a pairing mapping.

The form's field names are the schema's key paths (``supporter.name``), its labels the
schema's; activity rows are ``act.<row>.<field>``. Validation problems come back by key
path and are shown next to their field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..api import FormField, form_fields, nested, section_label, sides as pairing_sides
from ..errors import ValidationError

ACTIVITY_ROWS = 6
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
_ACTIVITY = "summary.activities[]."
_ACTIVITY_FIELDS = ("date", "type", "title", "teachers", "lessons", "donation.books",
                    "donation.computers", "donation.funds")
_SCHOOL_FIELDS = ("name", "category", "representative", "contact", "phone")


@dataclass(frozen=True)
class PairingForm:
    """What the page asks for, grouped as it shows it."""

    common: list[FormField]
    sides: list[tuple[str, str, list[FormField]]]          # (side, legend, fields)
    sections: list[tuple[str, list[FormField]]]            # (legend, fields)
    activity_columns: list[tuple[str, FormField]]          # (input name, field)
    activity_rows: int = ACTIVITY_ROWS

    def required(self, kind: str) -> list[FormField]:
        """The fields without which the page does not render a kind: the schools' names
        (a community scheme may name its schools in its own block)."""
        if kind == "scheme":
            return []
        return [f for _, _, fields in self.sides for f in fields if f.path.endswith(".name")]


def pairing_form() -> PairingForm:
    sides = [(side, f"{name}（{role}）", form_fields(*(f"{side}.{key}" for key in _SCHOOL_FIELDS)))
             for side, name, role in pairing_sides()]
    return PairingForm(
        common=form_fields("id", "authority", "basis.title", "basis.number", "term.start",
                           "term.years", "signed_on", "copies"),
        sides=sides,
        sections=[(section_label("plan"), form_fields("plan.school_year", "plan.leading_group.leader")),
                  (section_label("summary"), form_fields("summary.school_year"))],
        activity_columns=[(path.rsplit(".", 1)[-1], field) for path, field in zip(
            _ACTIVITY_FIELDS, form_fields(*(_ACTIVITY + p for p in _ACTIVITY_FIELDS)))],
    )


def pairing_data(form: PairingForm, values: dict[str, str],
                 save_image: Callable[[str], str | None], errors: dict[str, str]) -> dict[str, Any]:
    """The form's values as a pairing mapping. ``save_image(side)`` stores that side's
    uploaded seal and returns its file name (None when there is none)."""
    fields = [*form.common, *(f for _, _, fs in form.sides for f in fs),
              *(f for _, fs in form.sections for f in fs)]
    flat: dict[str, Any] = {f.path: values[f.path] for f in fields if values.get(f.path)}
    for side, _, _ in form.sides:
        try:
            name = save_image(side)
        except ValueError as exc:
            errors[f"seal.{side}"] = str(exc)
            continue
        if name:
            flat[f"seal.{side}"] = name
    author = values.get("author") if values.get("author") in ("supporter", "supported") else "supported"
    for section in ("plan", "summary"):
        if any(path.startswith(section + ".") for path in flat) or values.get("kind") == section:
            flat[f"{section}.author"] = author
    activities = []
    for row in range(form.activity_rows):
        activity = {field.path.removeprefix(_ACTIVITY): values[f"act.{row}.{name}"]
                    for name, field in form.activity_columns if values.get(f"act.{row}.{name}")}
        if activity:
            activities.append(nested(activity))
    if activities:
        flat["summary.activities"] = activities
    return nested(flat)


def field_errors(exc: ValidationError) -> tuple[dict[str, str], list[str]]:
    """Problems by form field (key path → message); activity rows' problems as a list."""
    fields: dict[str, str] = {}
    others = []
    for problem in exc.problems:
        path = problem.where.key_path or ""
        if path.startswith("summary.activities["):
            row = int(path.split("[")[1].split("]")[0])
            others.append(f"活动第{row}行：{problem.message}")
        elif path:
            fields[path] = problem.message
        else:
            others.append(str(problem))
    return fields, others


def image_suffix(filename: str) -> str:
    """An uploaded seal's suffix, or ValueError with the message the page shows."""
    suffix = Path(filename).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise ValueError("公章图片应为 PNG 或 JPEG")
    return suffix
