"""Forms of the pages: they render labelled controls and turn what was typed into the project
file's data; they do not judge it. The services validate with the project file's schema, and
their messages are shown next to the field they name (``zone.name: must not be empty``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms

from zonewarden.domain.assessment import Status
from zonewarden.domain.assets import ASSET_TYPES
from zonewarden.domain.evidence import EVIDENCE_KINDS
from zonewarden.domain.projects import ROLES
from zonewarden.domain.zones import PURDUE_LEVELS, ZONE_KINDS
from zonewarden.project.schema import ProjectInfoModel
from zonewarden.web.models.projects import MEMBER_ROLES
from zonewarden.web.repositories.edits import SCHEMAS

FRS = range(1, 8)
LEVELS = [(str(n), str(n)) for n in range(5)]
_FIELD = re.compile(r"^[A-Za-z_]+(?:\[\d+\])?\.([a-z_]+)")  # zone.name, assets[3].zone
_WORD = re.compile(r"^([a-z_]+)[ :]")  # user 'x': ..., role: ... (only through aliases)


def _choices(values: tuple[Any, ...]) -> list[tuple[str, str]]:
    return [(str(v), str(v).replace("_", " ")) for v in values]


def _text(label: str | None = None) -> forms.CharField:
    return forms.CharField(required=False, strip=True, label=label)


class _TextAreaField(forms.CharField):
    """Text typed in a textarea, with the CR LF line ends browsers send turned into LF (the
    project file refuses carriage returns, as it refuses every other control character)."""

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n") if text else text


def _area(rows: int = 2) -> forms.CharField:
    return _TextAreaField(required=False, strip=True, widget=forms.Textarea(attrs={"rows": rows}))


def _date() -> forms.CharField:
    widget = forms.DateInput(attrs={"type": "date"})
    return forms.CharField(required=False, strip=True, widget=widget)


def _split(text: str) -> list[str]:
    """Items typed one per line or separated by commas."""
    return [part.strip() for part in re.split(r"[,\n]", text or "") if part.strip()]


def _lines(text: str) -> list[str]:
    """Items typed one per line (they may contain commas)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _newlines(text: str | None) -> str | None:
    """A textarea's text with the CR LF line ends browsers send turned into LF (the project
    file refuses carriage returns, as it refuses every other control character)."""
    return text.replace("\r\n", "\n") if text else text


def _purdue(text: str) -> int | float | None:
    if not text:
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


def _without_blanks(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [])}


class ServiceForm(forms.Form):
    """A form whose data goes to a service; its refusal message is spread over the fields."""

    aliases: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def show_refusal(self, message: str) -> None:
        """Attach each line of a service message to the field it names (or to the form)."""
        for line in message.splitlines():
            match, word = _FIELD.match(line), _WORD.match(line)
            if match:
                name, text = self.aliases.get(match[1], match[1]), line.split(": ", 1)[-1]
            else:
                name, text = (self.aliases.get(word[1]) if word else None), line
            if name and name in self.fields and not self.fields[name].disabled:
                self.add_error(name, text)
            else:
                self.add_error(None, line)


class ItemForm(ServiceForm):
    """The fields of a zone, conduit, asset or evidence item."""

    section: ClassVar[str]
    has_levels: ClassVar[bool] = False
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.has_levels:  # SL-T: one level 0-4 per FR
            for n in FRS:
                self.fields[f"fr{n}"] = forms.ChoiceField(
                    choices=LEVELS, label=f"FR {n}", required=False
                )
                self.initial.setdefault(f"fr{n}", "0")
        if editing:  # ids are not changed: other objects refer to them
            self.fields["id"].disabled = True

    @classmethod
    def initial_from(cls, data: dict[str, Any], version: int) -> dict[str, Any]:
        """Form values of a stored item (normalised by the project file's schema)."""
        model = SCHEMAS[cls.section].model_validate(data)
        values = cls.values_of(model)
        values["version"] = version
        return values

    @classmethod
    def values_of(cls, model: Any) -> dict[str, Any]:
        raise NotImplementedError

    def to_data(self) -> dict[str, Any]:
        raise NotImplementedError

    @property
    def level_fields(self) -> list[forms.BoundField]:
        """The SL-T selects, FR 1..FR 7 (zones and conduits)."""
        return [self[f"fr{n}"] for n in FRS if f"fr{n}" in self.fields]

    @property
    def main_fields(self) -> list[forms.BoundField]:
        """The visible fields other than the SL-T selects."""
        levels = {f"fr{n}" for n in FRS}
        return [f for f in self.visible_fields() if f.name not in levels]


def _levels_of(form: forms.Form) -> list[int]:
    return [int(form.cleaned_data.get(f"fr{n}") or 0) for n in FRS]


class ZoneForm(ItemForm):
    section = "zones"
    has_levels = True
    aliases: ClassVar[dict[str, str]] = {"sl_target": "fr1"}
    id = _text()
    name = _text()
    kind = forms.ChoiceField(choices=_choices(ZONE_KINDS), initial="other")
    purdue_level = forms.ChoiceField(
        choices=[("", "—"), *_choices(PURDUE_LEVELS)], required=False, label="Purdue level"
    )
    safety = forms.BooleanField(required=False, label="Safety zone")
    networks = _area(2)
    owner = _text()
    description = _area(3)

    @classmethod
    def values_of(cls, model: Any) -> dict[str, Any]:
        return {
            "id": model.id,
            "name": model.name,
            "kind": model.kind,
            "purdue_level": "" if model.purdue_level is None else str(model.purdue_level),
            "safety": model.safety,
            "networks": "\n".join(model.networks),
            "owner": model.owner or "",
            "description": model.description or "",
            **{f"fr{n}": str(model.sl_target[n - 1]) for n in FRS},
        }

    def to_data(self) -> dict[str, Any]:
        c = self.cleaned_data
        return _without_blanks(
            {
                "name": c.get("name"),
                "kind": c.get("kind"),
                "purdue_level": _purdue(c.get("purdue_level", "")),
                "safety": bool(c.get("safety")),
                "networks": _split(c.get("networks", "")),
                "sl_target": _levels_of(self),
                "owner": c.get("owner"),
                "description": c.get("description"),
            }
        ) | {"id": c.get("id") or "", "name": c.get("name") or ""}


class ConduitForm(ItemForm):
    section = "conduits"
    has_levels = True
    aliases: ClassVar[dict[str, str]] = {"sl_target": "fr1", "zones": "zone_a"}
    id = _text()
    name = _text()
    zone_a = forms.ChoiceField(choices=(), label="From zone")
    zone_b = forms.ChoiceField(choices=(), label="To zone")
    protocols = _text()
    description = _area(3)

    def __init__(self, *args: Any, zones: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(zid, f"{zid} — {name}") for zid, name in zones]
        self.fields["zone_a"].choices = choices
        self.fields["zone_b"].choices = choices

    @classmethod
    def values_of(cls, model: Any) -> dict[str, Any]:
        return {
            "id": model.id,
            "name": model.name or "",
            "zone_a": model.zones[0],
            "zone_b": model.zones[1],
            "protocols": ", ".join(model.protocols),
            "description": model.description or "",
            **{f"fr{n}": str(model.sl_target[n - 1]) for n in FRS},
        }

    def to_data(self) -> dict[str, Any]:
        c = self.cleaned_data
        return _without_blanks(
            {
                "name": c.get("name"),
                "protocols": _split(c.get("protocols", "")),
                "sl_target": _levels_of(self),
                "description": c.get("description"),
            }
        ) | {"id": c.get("id") or "", "zones": [c.get("zone_a"), c.get("zone_b")]}


class AssetForm(ItemForm):
    section = "assets"
    id = _text()
    name = _text()
    zone = forms.ChoiceField(choices=())
    type = forms.ChoiceField(choices=_choices(ASSET_TYPES), initial="other")
    vendor = _text()
    model = _text()
    ip = _text("IP address")
    description = _area(3)
    # read by the zoning rules (docs/concepts/zoning-rules.md): what the type cannot say
    purdue_level = forms.ChoiceField(
        choices=[("", "—"), *_choices(PURDUE_LEVELS)],
        required=False,
        label="Purdue level",
        help_text="Of the asset's own function, when not the level its type has.",
    )
    safety_related = forms.BooleanField(
        required=False,
        label="Safety-related",
        help_text="Part of a safety function (type sis always is).",
    )
    wireless = forms.BooleanField(
        required=False,
        label="Wireless",
        help_text="Connected wirelessly (type wireless_ap always is).",
    )
    remote_access = forms.BooleanField(
        required=False,
        label="Remote access",
        help_text="Reachable from outside the system: a vendor's modem, a cloud connector.",
    )

    FLAGS = ("safety_related", "wireless", "remote_access")

    def __init__(self, *args: Any, zones: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].choices = [(zid, f"{zid} — {name}") for zid, name in zones]

    @classmethod
    def values_of(cls, model: Any) -> dict[str, Any]:
        values = {
            name: getattr(model, name) or ""
            for name in ("id", "name", "zone", "type", "vendor", "model", "ip", "description")
        }
        values["purdue_level"] = "" if model.purdue_level is None else str(model.purdue_level)
        return values | {flag: bool(getattr(model, flag)) for flag in cls.FLAGS}

    def to_data(self) -> dict[str, Any]:
        """The asset; the flags only when set, as the canonical project file writes them."""
        c = self.cleaned_data
        fields = ("name", "zone", "type", "vendor", "model", "ip", "description")
        data = {f: c.get(f) for f in fields}
        data["purdue_level"] = _purdue(c.get("purdue_level", ""))
        data.update({flag: True for flag in self.FLAGS if c.get(flag)})
        return _without_blanks(data) | {
            "id": c.get("id") or "",
            "name": c.get("name") or "",
        }


class EvidenceForm(ItemForm):
    section = "evidence"
    id = _text()
    title = _text()
    kind = forms.ChoiceField(choices=_choices(EVIDENCE_KINDS), initial="document")
    uri = _text()
    collected_on = _date()
    expires_on = _date()
    description = _area(3)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["uri"].label = "Location (path or URL)"
        self.fields["uri"].help_text = "Where the evidence is kept, if not uploaded here."

    @classmethod
    def values_of(cls, model: Any) -> dict[str, Any]:
        return {
            "id": model.id,
            "title": model.title,
            "kind": model.kind,
            "uri": model.uri or "",
            "collected_on": model.collected_on.isoformat() if model.collected_on else "",
            "expires_on": model.expires_on.isoformat() if model.expires_on else "",
            "description": model.description or "",
        }

    def to_data(self) -> dict[str, Any]:
        c = self.cleaned_data
        fields = ("title", "kind", "uri", "collected_on", "expires_on", "description")
        return _without_blanks({f: c.get(f) for f in fields}) | {
            "id": c.get("id") or "",
            "title": c.get("title") or "",
        }


ITEM_FORMS: dict[str, type[ItemForm]] = {
    "zones": ZoneForm,
    "conduits": ConduitForm,
    "assets": AssetForm,
    "evidence": EvidenceForm,
}


class AssessmentForm(ServiceForm):
    """One row of the assessment matrix (fields prefixed by the row, so several can be open)."""

    aliases: ClassVar[dict[str, str]] = {"description": "comp_description"}
    status = forms.ChoiceField(choices=_choices(tuple(s.value for s in Status)))
    evidence = forms.MultipleChoiceField(choices=(), required=False)
    notes = _area(2)
    justification = _area(2)
    comp_description = _text()
    comp_approved_by = _text()
    comp_approved_on = _date()
    comp_expires_on = _date()
    assessed_by = _text()
    assessed_on = _date()
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        evidence: Sequence[tuple[str, str]] = (),
        may_approve: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = [(eid, f"{eid} — {title}") for eid, title in evidence]
        self.fields["evidence"].widget.attrs["size"] = str(min(6, max(2, len(evidence))))
        labels = {
            "comp_description": "Countermeasure",
            "comp_approved_by": "Approved by",
            "comp_approved_on": "Approved on",
            "comp_expires_on": "Expires on",
            "assessed_by": "Assessed by",
            "assessed_on": "Assessed on",
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["status"].widget.attrs["autofocus"] = True
        self.may_approve = may_approve
        if not may_approve:  # only reviewers and owners approve countermeasures
            for name in ("comp_approved_by", "comp_approved_on"):
                del self.fields[name]

    @staticmethod
    def initial_from(row: dict[str, Any], version: int) -> dict[str, Any]:
        """Form values of one matrix row (services.matrix)."""
        c = row["compensating"] or {}
        return {
            "status": row["status"] if row["recorded"] else "not_assessed",
            "evidence": row["evidence"] if row["recorded"] else [],
            "notes": (row["notes"] or "") if row["recorded"] else "",
            "justification": (row["justification"] or "") if row["recorded"] else "",
            "comp_description": c.get("description") or "",
            "comp_approved_by": c.get("approved_by") or "",
            "comp_approved_on": c.get("approved_on") or "",
            "comp_expires_on": c.get("expires_on") or "",
            "assessed_by": row["assessed_by"] or "",
            "assessed_on": row["assessed_on"] or "",
            "version": version,
        }

    def to_data(self, approval: tuple[str | None, str | None]) -> dict[str, Any]:
        """The assessment entry; ``approval`` is kept for users who may not change it."""
        c = self.cleaned_data
        typed = {"description": c.get("comp_description"), "expires_on": c.get("comp_expires_on")}
        if self.may_approve:
            approval = (c.get("comp_approved_by"), c.get("comp_approved_on"))
        elif not any(typed.values()):
            approval = (None, None)  # no countermeasure any more (refused if it was approved)
        compensating = _without_blanks(
            {**typed, "approved_by": approval[0], "approved_on": approval[1]}
        )
        if compensating and "description" not in compensating:
            compensating["description"] = ""
        return _without_blanks(
            {
                "status": c.get("status"),
                "evidence": list(c.get("evidence") or []),
                "notes": c.get("notes"),
                "justification": c.get("justification"),
                "compensating": compensating or None,
                "assessed_by": c.get("assessed_by"),
                "assessed_on": c.get("assessed_on"),
            }
        )


class NewProjectForm(ServiceForm):
    aliases: ClassVar[dict[str, str]] = {"id": "key"}
    key = _text()
    name = _text()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].label = "Project id"
        self.fields["key"].help_text = "Letters, digits, '.', '_' or '-', e.g. riverside-wtp."


class UploadForm(ServiceForm):
    file = forms.FileField(required=False, label="Project file (.yaml, .yml or .json)")


class EvidenceFileForm(ServiceForm):
    file = forms.FileField(required=False, label="File")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MemberForm(ServiceForm):
    aliases: ClassVar[dict[str, str]] = {"user": "username", "role": "role"}
    username = _text()
    role = forms.ChoiceField(choices=_choices(MEMBER_ROLES), initial="viewer")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "User name"


class ProjectSettingsForm(ServiceForm):
    """The project section of the file: id, name, organization, role, description and the
    system under consideration (``project.suc.boundary`` is shown at ``suc_boundary``)."""

    aliases: ClassVar[dict[str, str]] = {"suc": "suc_description"}
    id = _text("Project id")
    name = _text()
    organization = _text()
    role = forms.ChoiceField(choices=_choices(ROLES), initial="asset_owner")
    description = _area(3)
    suc_description = _area(3)
    suc_boundary = _area(2)
    suc_access_points = _area(3)
    suc_essential_functions = _area(3)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    SUC_FIELDS = ("suc_description", "suc_boundary", "suc_access_points", "suc_essential_functions")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["id"].help_text = "Letters, digits, '.', '_' or '-', e.g. riverside-wtp."
        self.fields["role"].label = "Role of the organization"
        labels = {
            "suc_description": "What the system is",
            "suc_boundary": "Boundary",
            "suc_access_points": "Access points",
            "suc_essential_functions": "Essential functions",
        }
        for name, label in labels.items():
            self.fields[name].label = label
        for name in ("suc_access_points", "suc_essential_functions"):
            self.fields[name].help_text = "One per line."

    def show_refusal(self, message: str) -> None:
        """``project.suc.boundary: ...`` goes to the field ``suc_boundary``."""
        super().show_refusal(message.replace("project.suc.", "project.suc_"))

    @staticmethod
    def initial_from(info: dict[str, Any], version: int) -> dict[str, Any]:
        """Form values of a stored project section (normalised by the project file's schema)."""
        model = ProjectInfoModel.model_validate(info)
        return {
            "id": model.id,
            "name": model.name,
            "organization": model.organization or "",
            "role": model.role,
            "description": model.description or "",
            "suc_description": model.suc.description or "",
            "suc_boundary": model.suc.boundary or "",
            "suc_access_points": "\n".join(model.suc.access_points),
            "suc_essential_functions": "\n".join(model.suc.essential_functions),
            "version": version,
        }

    def to_data(self) -> dict[str, Any]:
        """The project section (blank optional fields left out, so they are removed)."""
        c = self.cleaned_data
        suc = _without_blanks(
            {
                "description": _newlines(c.get("suc_description")),
                "boundary": _newlines(c.get("suc_boundary")),
                "access_points": _lines(c.get("suc_access_points", "")),
                "essential_functions": _lines(c.get("suc_essential_functions", "")),
            }
        )
        return _without_blanks(
            {
                "organization": c.get("organization"),
                "role": c.get("role"),
                "description": _newlines(c.get("description")),
                "suc": suc or None,
            }
        ) | {"id": c.get("id") or "", "name": c.get("name") or ""}

    @property
    def project_fields(self) -> list[forms.BoundField]:
        """The visible fields of the project itself."""
        return [f for f in self.visible_fields() if f.name not in self.SUC_FIELDS]

    @property
    def suc_fields(self) -> list[forms.BoundField]:
        """The fields of the system under consideration."""
        return [self[name] for name in self.SUC_FIELDS]


class DeleteProjectForm(ServiceForm):
    """Deleting a project is confirmed by typing its id."""

    confirm = _text()

    def __init__(self, *args: Any, key: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = f"Type the project id {key} to confirm"
        self.fields["confirm"].widget.attrs.update(autocomplete="off", spellcheck="false")
