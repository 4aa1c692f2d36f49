"""The bundled sample directives: the default knowledge base."""
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent


def corpus_files() -> list[Path]:
    return sorted(CORPUS_DIR.glob("*.md"))
