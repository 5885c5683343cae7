"""The 62443-3-3 catalog as validated data (spec section 2)."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from zonewarden.catalog import CatalogError, default_catalog, load_catalog
from zonewarden.catalog.loader import DATA_DIR, FILES_3_3
from zonewarden.domain.levels import FR
from zonewarden.domain.requirements import canonical_id

Rows = list[dict[str, str]]


def test_catalog_3_3_has_51_srs_and_49_res(catalog):
    system = catalog.system_requirements()

    assert sum(1 for r in system if r.type == "SR") == 51
    assert sum(1 for r in system if r.type == "RE") == 49
    assert len(system) == 100


def test_every_re_of_3_3_has_a_parent_sr_of_the_same_fr(catalog):
    for requirement in catalog.system_requirements():
        if requirement.type == "SR":
            assert requirement.parent is None
            continue
        parent = catalog.get(requirement.parent)
        assert parent is not None, requirement.id
        assert parent.type == "SR"
        assert parent.fr == requirement.fr
        assert requirement.min_sl >= parent.min_sl


def test_every_3_3_id_is_canonical(catalog):
    for requirement in catalog.system_requirements():
        assert canonical_id(requirement.id) == requirement.id


@pytest.mark.parametrize(
    ("requirement_id", "min_sl"),
    [
        ("SR 3.4", 2),
        ("SR 1.1 RE 2", 3),
        ("SR 1.13 RE 1", 2),
        ("SR 1.1", 1),
        ("SR 1.1 RE 3", 4),
        ("SR 2.7", 3),
        ("SR 4.1 RE 2", 4),
        ("SR 6.2", 2),
        ("SR 7.8", 2),
    ],
)
def test_known_rows_have_their_min_sl(catalog, requirement_id, min_sl):
    assert catalog.get(requirement_id).min_sl == min_sl


def test_fr_and_min_sl_of_every_3_3_requirement_match_the_hand_transcribed_csv(
    catalog, requirements_by_fr_level
):
    for fr, levels in requirements_by_fr_level.items():
        for level, expected in levels.items():
            found = tuple(
                r.id for r in catalog.system_requirements() if r.fr == fr and r.min_sl == level
            )
            assert found == expected, (fr, level)


def test_catalog_requirements_carry_their_catalog_order(catalog):
    system = catalog.system_requirements()

    assert [r.order for r in system] == list(range(100))
    assert system[0].id == "SR 1.1"
    assert system[-1].id == "SR 7.8"
    assert catalog.get("SR 1.1").fr is FR.IAC


def test_enhancements_of_lists_the_res_of_an_sr(catalog):
    assert [r.id for r in catalog.enhancements_of("SR 5.2")] == [
        "SR 5.2 RE 1",
        "SR 5.2 RE 2",
        "SR 5.2 RE 3",
    ]
    assert catalog.enhancements_of("SR 1.4") == ()


# --- corrupted copies of the data directory ----------------------------------------------


def _read(path: Path) -> tuple[list[str], Rows]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _row(rows: Rows, requirement_id: str) -> dict[str, str]:
    return next(row for row in rows if row["id"] == requirement_id)


@pytest.fixture
def corrupted_copy(tmp_path: Path) -> Callable[[Callable[[Rows], Rows | None]], Path]:
    """Copy the shipped data directory and let a function edit the 3-3 rows."""

    def build(edit: Callable[[Rows], Rows | None]) -> Path:
        directory = tmp_path / "catalog"
        shutil.copytree(DATA_DIR, directory)
        path = directory / FILES_3_3
        fieldnames, rows = _read(path)
        rows = edit(rows) or rows
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fieldnames)
            writer.writeheader()
            writer.writerows(rows)
        return directory

    return build


def test_an_unmodified_copy_of_the_data_directory_loads(corrupted_copy):
    directory = corrupted_copy(lambda rows: rows)

    catalog = load_catalog(directory)

    assert len(catalog.system_requirements()) == 100


def _duplicate_id(rows: Rows) -> Rows:
    return [*rows, dict(_row(rows, "SR 1.4"))]


def _missing_parent_id(rows: Rows) -> None:
    _row(rows, "SR 1.1 RE 1")["parent"] = "SR 1.99"


def _parent_row_removed(rows: Rows) -> Rows:
    return [row for row in rows if row["id"] != "SR 1.7"]


def _non_cumulative(rows: Rows) -> None:
    _row(rows, "SR 1.4").update(sl1="1", sl2="0", sl3="1", sl4="1", min_sl="1")


def _min_sl_disagrees(rows: Rows) -> None:
    _row(rows, "SR 3.4")["min_sl"] = "1"  # sl1..sl4 stay 0,1,1,1


def _sl_not_integer(rows: Rows) -> None:
    _row(rows, "SR 2.1")["sl2"] = "yes"


def _sl_flag_out_of_range(rows: Rows) -> None:
    _row(rows, "SR 2.1").update(sl1="2")


def _id_not_canonical(rows: Rows) -> None:
    _row(rows, "SR 1.4")["id"] = "SR1.4"


def _unknown_type(rows: Rows) -> None:
    _row(rows, "SR 1.4")["type"] = "XR"


def _fr_out_of_range(rows: Rows) -> None:
    _row(rows, "SR 1.4")["fr"] = "8"


def _re_fr_differs_from_parent(rows: Rows) -> None:
    _row(rows, "SR 1.1 RE 1")["fr"] = "2"


def _re_applies_before_its_base(rows: Rows) -> None:
    _row(rows, "SR 1.2 RE 1").update(sl1="1", sl2="1", sl3="1", sl4="1", min_sl="1")


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(_duplicate_id, id="duplicate-id"),
        pytest.param(_missing_parent_id, id="parent-id-does-not-exist"),
        pytest.param(_parent_row_removed, id="parent-row-removed"),
        pytest.param(_non_cumulative, id="non-cumulative-sl-columns"),
        pytest.param(_min_sl_disagrees, id="min-sl-disagrees-with-sl-columns"),
        pytest.param(_sl_not_integer, id="sl-column-not-an-integer"),
        pytest.param(_sl_flag_out_of_range, id="sl-flag-not-0-or-1"),
        pytest.param(_id_not_canonical, id="id-not-canonical"),
        pytest.param(_unknown_type, id="unknown-type"),
        pytest.param(_fr_out_of_range, id="fr-8"),
        pytest.param(_re_fr_differs_from_parent, id="re-fr-differs-from-parent"),
        pytest.param(_re_applies_before_its_base, id="re-applies-before-its-base"),
    ],
)
def test_a_corrupted_catalog_copy_is_rejected_with_catalog_error(corrupted_copy, edit):
    directory = corrupted_copy(edit)

    with pytest.raises(CatalogError):
        load_catalog(directory)


def test_an_re_row_without_a_parent_is_rejected_with_catalog_error(corrupted_copy):
    """An RE enhances an SR: a 3-3 RE row with an empty parent column is malformed. Loaded as
    is, the engine treats it as an extra SR of its own (it enters the score as an SR)."""

    def drop_parent(rows: Rows) -> None:
        _row(rows, "SR 1.1 RE 1")["parent"] = ""

    directory = corrupted_copy(drop_parent)

    with pytest.raises(CatalogError):
        load_catalog(directory)


def test_catalog_dir_environment_variable_points_default_catalog_at_a_corrupted_copy(
    corrupted_copy, monkeypatch
):
    directory = corrupted_copy(_duplicate_id)
    monkeypatch.setenv("ZONEWARDEN_CATALOG_DIR", str(directory))

    with pytest.raises(CatalogError, match="duplicate"):
        default_catalog()


def test_catalog_dir_environment_variable_loads_a_corrected_copy(corrupted_copy, monkeypatch):
    def correct(rows: Rows) -> None:
        _row(rows, "SR 1.13 RE 1").update(sl2="0", min_sl="3")

    directory = corrupted_copy(correct)
    monkeypatch.setenv("ZONEWARDEN_CATALOG_DIR", str(directory))

    assert default_catalog().get("SR 1.13 RE 1").min_sl == 3
    monkeypatch.delenv("ZONEWARDEN_CATALOG_DIR")
    assert default_catalog().get("SR 1.13 RE 1").min_sl == 2


def test_a_missing_3_3_file_is_a_catalog_error(tmp_path):
    with pytest.raises(CatalogError):
        load_catalog(tmp_path)
