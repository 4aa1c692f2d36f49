"""knowledge/ is the core: it imports no channel, template or HTTP library, and never the shell."""
import ast
from pathlib import Path

FORBIDDEN = {"telegram", "jinja2", "markupsafe", "httpx", "aiohttp", "requests", "tornado", "bot", "urllib3"}
ROOT = Path(__file__).resolve().parent.parent


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_knowledge_imports_no_shell_library():
    offenders = {}
    for path in (ROOT / "knowledge").rglob("*.py"):
        bad = imported_roots(path) & FORBIDDEN
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_the_checker_sees_a_forbidden_import(tmp_path):
    f = tmp_path / "x.py"
    f.write_text("import os\nfrom telegram import Bot\n", encoding="utf-8")
    assert imported_roots(f) & FORBIDDEN == {"telegram"}


def test_import_linter_contract_is_kept():
    import subprocess
    import sys
    from pathlib import Path as _P
    exe = _P(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(exe)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 kept, 0 broken" in r.stdout
