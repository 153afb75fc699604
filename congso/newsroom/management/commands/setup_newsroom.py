"""Set up the newsroom on a site that has its portal pages:

    manage.py setup_newsroom

Creates what is missing and keeps what exists: the article types, the news root "Tin tức"
/ "News" with its five categories in both languages, the editorial groups with their page
and collection rights, and the approval workflow "Duyệt tin bài". Then sets the groups'
model permissions (as `setup_roles` does). Safe to run after every `migrate`.
"""

from django.core.management.base import BaseCommand, CommandError

from congso.accounts.services import roles_sync
from congso.newsroom.services import NewsroomSetupError, newsroom_setup


class Command(BaseCommand):
    help = "Create the news tree, editorial groups and approval workflow (idempotent)."

    def handle(self, *args, **options):
        try:
            tree = newsroom_setup()
        except NewsroomSetupError as exc:
            raise CommandError(str(exc)) from exc
        roles_sync()
        for language, pages in tree.items():
            self.stdout.write(f"{language}: " + ", ".join(p.url_path for p in pages.values()))
        self.stdout.write("Groups, page rights and the workflow are in place.")
