"""Install dxcheck as a user would and run every command, away from this checkout.

Builds the wheel, installs it into a new virtual environment with uv, and runs each command
from an empty folder with PATH holding only that environment's scripts folder — so nothing
from the checkout (its data folders, its .venv, a shell's PATH) can hide a packaging mistake.
Portable: plain Python, no bash; on Windows the scripts folder is `Scripts` and the
executable `dxcheck.exe`.

    .venv/bin/python scripts/check_install.py            # exits non-zero on the first failure
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform.startswith("win")


def uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if found is None:
        sys.exit("uv が見つかりません（scripts/setup.sh が .venv に入れます）")
    return found


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    shown = " ".join(args)
    if result.returncode != 0:
        print(f"FAILED ({result.returncode}): {shown}\n{result.stdout}\n{result.stderr}")
        sys.exit(1)
    if "Traceback" in result.stderr:
        print(f"TRACEBACK: {shown}\n{result.stderr}")
        sys.exit(1)
    print(f"ok  {shown}")
    return result.stdout


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="dxcheck-install-") as tmp:
        work = Path(tmp)
        dist, venv, elsewhere = work / "dist", work / "venv", work / "elsewhere"
        elsewhere.mkdir()
        run([uv(), "build", "--wheel", "--out-dir", str(dist), str(ROOT)], cwd=ROOT)
        wheel = next(dist.glob("dxcheck-*.whl"))
        run([uv(), "venv", "--python", sys.executable, str(venv)], cwd=work)
        bindir = venv / ("Scripts" if WINDOWS else "bin")
        python = bindir / ("python.exe" if WINDOWS else "python")
        run([uv(), "pip", "install", "--python", str(python), str(wheel)], cwd=work)

        # Only the new environment on PATH; no variables of this checkout's environment.
        env = {"PATH": str(bindir), "HOME": str(work), "LANG": "C.UTF-8"}
        for keep in ("SYSTEMROOT", "TEMP", "TMP", "LOCALAPPDATA", "APPDATA", "USERPROFILE"):
            if keep in os.environ:
                env[keep] = os.environ[keep]
        env["DXCHECK_DATA_DIR"] = str(work / "data")
        exe = str(bindir / ("dxcheck.exe" if WINDOWS else "dxcheck"))

        def dx(*args: str) -> str:
            return run([exe, *args], cwd=elsewhere, env=env)

        dx("--version")
        dx("--help")
        dx("template", "-o", "answers.toml")
        dx("benchmarks", "--json")
        answers = elsewhere / "answers.toml"
        filled = answers.read_text(encoding="utf-8")
        for key, value in (("name", "太良町"), ("code", "414417"), ("prefecture", "佐賀県")):
            filled = filled.replace(f'{key} = ""', f'{key} = "{value}"', 1)
        answers.write_text(filled, encoding="utf-8")
        dx("validate", "answers.toml")
        dx("score", "answers.toml", "--json")
        for name in ("a", "b"):
            shutil.copy(answers, elsewhere / f"{name}.toml")
        dx("compare", ".", "--csv", "compare.csv", "--xlsx", "compare.xlsx")
        if "report" in dx("--help"):
            dx("report", "answers.toml", "-o", "report.pdf", "--html", "report.html")
        for output in ("answers.toml", "compare.csv", "compare.xlsx", "report.pdf"):
            if not (elsewhere / output).is_file():
                sys.exit(f"FAILED: {output} was not written")
        print("the wheel installs and every command runs outside the checkout")


if __name__ == "__main__":
    main()
