"""Creating permission groups from data migrations (historical models only)."""

from __future__ import annotations

from typing import Any


def ensure_group(apps: Any, *, group: str, permissions: list[tuple[str, str, str, str]]) -> None:
    """Create `group` (if missing) holding `permissions`, given as (app_label, model, codename, name).
    Permissions are created here because Django only creates them after all migrations ran."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    found, _ = Group.objects.get_or_create(name=group)
    for app_label, model, codename, name in permissions:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        found.permissions.add(permission)


def remove_group(apps: Any, *, group: str) -> None:
    apps.get_model("auth", "Group").objects.filter(name=group).delete()
