def test_small_project_has_an_owner_and_one_member_per_role(small_project):
    from zonewarden.web.repositories.projects import members

    assert [m["role"] for m in members(small_project)] == [
        "assessor",
        "auditor",
        "owner",
        "reviewer",
        "viewer",
    ]
