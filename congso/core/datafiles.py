"""Reading the repository's TOML data files (organisation, procedures) into pydantic
schemas, with messages that name the file, the place in it and the problem, and the
report a loader returns (what it created, updated or kept)."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel
from pydantic import ValidationError as SchemaError


def toml_model_read[M: BaseModel](path: Path, schema: type[M], error: type[Exception]) -> M:
    """Parse `path` and validate it against `schema`. Raises `error` naming the file, the
    place (e.g. "officials[1].email") and the problem, one line per problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML: {exc}") from exc
    try:
        return schema.model_validate(raw)
    except SchemaError as exc:
        lines = []
        for problem in exc.errors():
            place = ".".join(
                f"[{part}]" if isinstance(part, int) else str(part) for part in problem["loc"]
            ).replace(".[", "[")
            lines.append(f"{path}: {place or '(file)'}: {problem['msg']}")
        raise error("\n".join(lines)) from exc


@dataclass
class LoadReport:
    """Counts per kind of row: created, updated (by --reset) and kept as they were."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str, kind: str) -> None:
        counts = getattr(self, bucket)
        counts[kind] = counts.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)
