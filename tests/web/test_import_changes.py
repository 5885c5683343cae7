"""What an import would change, remediation actions included (they show in the preview and in
the import's audit entry)."""

from zonewarden.web.repositories.projects import changes_between


def test_actions_added_removed_and_changed_are_listed_by_id() -> None:
    old = {"project": {"id": "p"}, "actions": [{"id": "mfa", "effort": 5}, {"id": "old"}]}
    new = {"project": {"id": "p"}, "actions": [{"id": "mfa", "effort": 8}, {"id": "backup"}]}
    changes = changes_between(old, new)
    assert changes.added == {"actions": ["backup"]}
    assert changes.removed == {"actions": ["old"]}
    assert changes.changed == {"actions": ["mfa"]}
    assert not changes.project_changed


def test_a_project_without_actions_compares_as_an_empty_list() -> None:
    assert changes_between({"project": {}}, {"project": {}, "actions": None}).empty
