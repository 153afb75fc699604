"""Writes for accounts and roles."""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from congso.accounts.roles import Role, registry


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def roles_sync() -> list[Group]:
    """Make each declared role a group holding exactly its declared permissions.

    Raises Permission.DoesNotExist when a role names a permission that no model defines.
    """
    groups = []
    for role in registry:
        group, _created = Group.objects.get_or_create(name=role.name)
        perms = [_permission(p) for p in role.permissions]
        if role.wagtail_admin:
            perms.append(_permission("wagtailadmin.access_admin"))
        group.permissions.set(perms)
        groups.append(group)
    return groups


def _generate_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def demo_accounts_ensure(*, credentials_file: Path) -> list[tuple[Role, str, str]]:
    """Create one demo account per role, each with a random password.

    Passwords are written once to `credentials_file` (mode 0600) and reused on later runs;
    an account whose password is not in the file gets a new random one. Never a fixed
    password. Returns (role, username, password) for each role.
    """
    User = get_user_model()
    known: dict[str, str] = {}
    if credentials_file.exists():
        for line in credentials_file.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and not line.startswith("#"):
                known[parts[0]] = parts[1]

    groups = {g.name: g for g in roles_sync()}
    result = []
    for role in registry:
        user, created = User.objects.get_or_create(
            username=role.demo_username,
            defaults={"email": f"{role.demo_username}@example.invalid"},
        )
        password = known.get(role.demo_username)
        if created or password is None or not user.check_password(password):
            password = _generate_password()
            user.set_password(password)
        user.is_staff = role.is_superuser
        user.is_superuser = role.is_superuser
        user.is_active = True
        user.save()
        user.groups.add(groups[role.name])
        result.append((role, role.demo_username, password))

    credentials_file.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# congso demo accounts: username<TAB>password<TAB>role (generated, local only)"]
    lines += [f"{username}\t{password}\t{role.name}" for role, username, password in result]
    credentials_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    credentials_file.chmod(0o600)
    return result
