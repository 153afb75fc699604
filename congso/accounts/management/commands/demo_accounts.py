"""Create one demo staff account per role, with random passwords, and print them.

The passwords are kept in var/demo-accounts.tsv (mode 0600) so they stay the same from one
`make run` to the next. Never use these accounts outside a demo machine.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from congso.accounts.services import demo_accounts_ensure


class Command(BaseCommand):
    help = "Create the demo staff accounts (random passwords) and print them."

    def handle(self, *args, **options):
        path = settings.VAR_DIR / "demo-accounts.tsv"
        accounts = demo_accounts_ensure(credentials_file=path)
        width = max(len(username) for _role, username, _pw in accounts)
        self.stdout.write("Demo accounts (staff login at /admin/):")
        for role, username, password in accounts:
            self.stdout.write(f"  {username:<{width}}  {password}  {role.name}")
        self.stdout.write(f"(kept in {path})")
