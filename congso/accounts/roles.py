"""Roles are Django groups with exactly the permissions the role needs.

Each app declares its roles here (from its AppConfig.ready); `setup_roles` turns the
declarations into groups, and `load_demo` creates one demo account per role. A permission
is written "app_label.codename".
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Role:
    name: str  # the group's name, shown to staff (Vietnamese)
    demo_username: str
    description: str
    permissions: tuple[str, ...] = ()
    is_superuser: bool = False
    wagtail_admin: bool = True  # may open the Wagtail admin


@dataclass
class RoleRegistry:
    roles: dict[str, Role] = field(default_factory=dict)

    def register(self, role: Role) -> None:
        existing = self.roles.get(role.name)
        if existing is not None:
            # Apps may add permissions to a role another app declared.
            role = Role(
                name=role.name,
                demo_username=existing.demo_username,
                description=existing.description,
                permissions=tuple(dict.fromkeys(existing.permissions + role.permissions)),
                is_superuser=existing.is_superuser or role.is_superuser,
                wagtail_admin=existing.wagtail_admin or role.wagtail_admin,
            )
        self.roles[role.name] = role

    def __iter__(self):
        return iter(self.roles.values())


registry = RoleRegistry()

WEBMASTER = "Quản trị hệ thống"

registry.register(
    Role(
        name=WEBMASTER,
        demo_username="quantri",
        description="Quản trị toàn bộ hệ thống (webmaster)",
        is_superuser=True,
    )
)
