"""The one place that reads the process environment.

Every variable the project understands is listed in `.env.example`. A `.env` file at the
repository root is read when present (development convenience); real deployments set the
variables in the service manager instead.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

_dotenv = BASE_DIR / ".env"
if _dotenv.is_file():
    environ.Env.read_env(_dotenv, overwrite=False)
